/** The part of a better-sqlite3 connection the cache wraps. */
interface PreparingConnection {
  prepare(sql: string): CachedStatement;
}

interface CachedStatement {
  safeIntegers(toggle?: boolean): unknown;
}

/** Statements kept per SQLite connection (queries with `IN (…)` lists of many lengths make distinct texts). */
export const STATEMENT_CACHE_SIZE = 200;

/**
 * Keeps the prepared statements of a better-sqlite3 connection by SQL text (least recently used first out): knex
 * prepares every query anew, and compiling the SQL was the largest single cost of a consumed event in a profile
 * (11 % of cases' CPU). Only texts with `?` placeholders are kept: MikroORM writes the values into the text of its
 * own queries, so those never recur; statements run through `executePlain` (bindings apart) do. Safe because knex
 * runs each statement to completion (`all` or `run`, synchronous in better-sqlite3) before the next; a statement
 * comes back with safe integers off, as a new one would.
 */
export function cacheStatements(connection: PreparingConnection, size = STATEMENT_CACHE_SIZE): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, CachedStatement>();
  connection.prepare = (sql: string) => {
    const cached = cache.get(sql);
    if (cached) {
      cache.delete(sql);
      cache.set(sql, cached);
      cached.safeIntegers(false);
      return cached;
    }
    const statement = prepare(sql);
    // MikroORM writes values into the SQL text (a new text per call): only texts with placeholders recur
    if (!sql.includes('?')) return statement;
    cache.set(sql, statement);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return statement;
  };
}
