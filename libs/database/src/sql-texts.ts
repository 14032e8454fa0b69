/** Row counts whose statement text is kept (a batch is at most a few hundred rows; larger ones are built anew). */
const KEPT_ROW_COUNTS = 512;

/**
 * The text of a multi-row statement per row count, built once and kept: the same string object comes back for the
 * same count, so the prepared-statement cache (`cacheStatements`) finds it without hashing and comparing a new
 * string of a few kilobytes, and no text is built per batch.
 */
export function sqlForRows(build: (rows: number) => string): (rows: number) => string {
  const texts: string[] = [];
  return (rows) => {
    if (rows >= KEPT_ROW_COUNTS) return build(rows);
    return (texts[rows] ??= build(rows));
  };
}
