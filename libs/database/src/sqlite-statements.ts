/** The part of a better-sqlite3 connection the direct statement paths use. */
export interface SqliteConnection {
  prepare(sql: string): { reader: boolean; all(bindings: unknown[]): unknown[]; run(bindings: unknown[]): unknown };
}

/**
 * Runs one statement on a better-sqlite3 connection (prepared once per text when the connection caches statements,
 * `cacheStatements`) and returns its rows; better-sqlite3 answers synchronously.
 */
export function runOn<R>(connection: SqliteConnection, sql: string, bindings: unknown[]): R[] {
  const statement = connection.prepare(sql);
  if (statement.reader) return statement.all(bindings) as R[];
  statement.run(bindings);
  return [];
}

/** Values bound as knex's better-sqlite3 client binds them: dates as epoch milliseconds, booleans as 0/1. */
export function sqliteBindings(params: readonly unknown[]): unknown[] {
  return params.map((value) => {
    if (value instanceof Date) return value.valueOf();
    return typeof value === 'boolean' ? Number(value) : value;
  });
}
