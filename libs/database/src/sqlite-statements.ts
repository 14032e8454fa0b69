/** The part of a better-sqlite3 connection the direct statement paths use. */
export interface SqliteHandle {
  prepare(sql: string): {
    reader: boolean;
    all(bindings: unknown[]): unknown[];
    run(bindings: unknown[]): unknown;
    raw(toggle?: boolean): unknown;
  };
}

/**
 * Runs one statement on a better-sqlite3 connection (prepared once per text when the connection caches statements,
 * `cacheStatements`) and returns its rows; better-sqlite3 answers synchronously.
 */
export function runOn<R>(connection: SqliteHandle, sql: string, bindings: unknown[]): R[] {
  const statement = connection.prepare(sql);
  if (statement.reader) return statement.all(bindings) as R[];
  statement.run(bindings);
  return [];
}

/**
 * `runOn` for a statement that returns rows (a query, or a write with `returning`), each row as an array of its
 * values in the order of the statement's columns: better-sqlite3 makes no object per row. The statement (shared
 * through the connection's cache) is back in its usual mode before this returns.
 */
export function valuesOn(connection: SqliteHandle, sql: string, bindings: unknown[]): unknown[][] {
  const statement = connection.prepare(sql);
  statement.raw(true);
  try {
    return statement.all(bindings) as unknown[][];
  } finally {
    statement.raw(false);
  }
}

/**
 * A value as the ORM stores it on SQLite (and knex's better-sqlite3 client binds it): dates as epoch milliseconds,
 * booleans as 0/1, undefined as NULL; a plain object (an event's envelope for a text column) as its JSON text, as
 * `insertPrepared` stores it on PostgreSQL.
 */
export function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return JSON.stringify(value);
  return value;
}

/** Every value of `params` as `sqliteValue` binds it. */
export function sqliteBindings(params: readonly unknown[]): unknown[] {
  return params.map(sqliteValue);
}
