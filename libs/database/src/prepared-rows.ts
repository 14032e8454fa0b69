import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { sqlDialectOf } from './calendar-sql.js';
import { sqliteValue } from './sqlite-statements.js';

type Row = Record<string, unknown>;

/** The part of a better-sqlite3 connection used here. */
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface SqliteStatement {
  reader: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): Row[];
}
/** The part of a pg client used here. */
export interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/** Rows per statement on SQLite: one prepared `VALUES` statement of this many rows, the rest row by row. */
const SQLITE_BLOCK = 100;
/** SQLite's bound-parameter limit (32,766) with room to spare. */
const SQLITE_MAX_PARAMETERS = 30_000;

const sqliteStatements = new WeakMap<object, Map<string, SqliteStatement>>();
const pgNames = new Map<string, string>();

/**
 * The driver's connection of `em`'s transaction (better-sqlite3 database or pg client), or of the pool when there
 * is none: statements sent straight to it skip knex (query building, `?` rewriting, a promise and a pool turn per
 * statement) and keep their prepared form across chunks.
 */
export async function withConnection<T>(em: EntityManager, work: (connection: unknown) => Promise<T> | T): Promise<T> {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const knex = (em.getConnection('write') as unknown as { getKnex(): Knex }).getKnex();
  const client = (transaction ?? knex).client as {
    acquireConnection(): Promise<unknown>;
    releaseConnection(connection: unknown): Promise<unknown>;
  };
  const connection = await client.acquireConnection();
  try {
    return await work(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

function sqliteStatement(connection: SqliteConnection, sql: string): SqliteStatement {
  let cache = sqliteStatements.get(connection);
  if (!cache) sqliteStatements.set(connection, (cache = new Map<string, SqliteStatement>()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    // the texts are built from a few fixed shapes; a runaway caller must not hold every statement it ever ran
    if (cache.size >= 500) cache.clear();
    cache.set(sql, statement);
  }
  return statement;
}

function runSqlite(connection: SqliteConnection, sql: string, params: readonly unknown[]): Row[] {
  const statement = sqliteStatement(connection, sql);
  const values = params.map(sqliteValue);
  // an array binds as the anonymous parameters (no spread of thousands of arguments into the native call)
  if (statement.reader) return statement.all(values);
  statement.run(values);
  return [];
}

/** `?` → `$1, $2, …` outside quoted strings and identifiers. */
export function numbered(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = '';
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '?') {
      out += `$${++n}`;
      continue;
    }
    out += c;
  }
  return out;
}

/** A named statement per text: the server parses and plans it once per connection (pg remembers which). */
function pgStatement(sql: string): { name?: string; text: string } {
  let name = pgNames.get(sql);
  if (name === undefined) {
    if (pgNames.size >= 500) return { text: numbered(sql) };
    name = `shequ_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    pgNames.set(sql, name);
  }
  return { name, text: numbered(sql) };
}

export async function runPg(client: PgClient, sql: string, params: readonly unknown[], named: boolean): Promise<Row[]> {
  const values = params.map((value) => (value === undefined ? null : value));
  return (await client.query({ ...(named ? pgStatement(sql) : { text: numbered(sql) }), values })).rows;
}

/**
 * Runs a statement with `?` placeholders and bound values inside `em`'s transaction and returns its rows, straight
 * on the driver's connection, for texts that recur (lookups with `listMatch`). SQLite: the better-sqlite3 statement
 * is prepared once and kept. PostgreSQL: sent unnamed, so the planner sees each call's values (a named statement
 * falls back to a generic plan after five calls, and a household lookup by `community_id = ? and address = any(?)`
 * then walked the community's index: 75 ms a chunk). A date is stored as the ORM stores it. Entities already
 * loaded in `em` do not see what it changes.
 */
export async function runPrepared(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const postgres = sqlDialectOf(em) === 'postgresql';
  return withConnection(em, (connection) =>
    postgres
      ? runPg(connection as PgClient, sql, params, false)
      : runSqlite(connection as SqliteConnection, sql, params),
  );
}

/**
 * A condition matching `column` against a list of values with one parameter, so the statement's text does not
 * depend on the list's length (`runPrepared` keeps one statement): `= any(?)` with an array on PostgreSQL,
 * `in (select value from json_each(?))` with a JSON array on SQLite.
 */
export function listMatch(
  em: EntityManager,
  column: string,
  values: readonly unknown[],
): { sql: string; param: unknown } {
  if (sqlDialectOf(em) === 'postgresql') return { sql: `${column} = any(?)`, param: values };
  return { sql: `${column} in (select value from json_each(?))`, param: JSON.stringify(values) };
}

/**
 * Rows as a JSON array of objects keyed by column (`json_populate_recordset`): undefined is NULL, a date ISO, a plain
 * object inline (a text column receives its JSON text exactly as `JSON.stringify` gives it: PostgreSQL keeps a `json`
 * value's text as sent). Each object is a copy of one template holding every column (one hidden class, properties
 * stored in place): about half the time of objects grown key by key, which the import's chunks spent here.
 */
export function recordsJson(columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const template: Row = Object.fromEntries(columns.map((column) => [column, null]));
  const width = columns.length;
  return JSON.stringify(
    rows.map((row) => {
      const record = { ...template };
      for (let i = 0; i < width; i++) {
        const value = row[i];
        if (value !== undefined) record[columns[i]] = value;
      }
      return record;
    }),
  );
}

/**
 * Inserts rows (arrays of values in `columns` order) inside `em`'s transaction with statements prepared once and
 * reused across calls. PostgreSQL: one statement for all the rows, whatever their number — the rows go as one JSON
 * parameter read with the table's own column types (`insert … select … from json_populate_recordset(null::table,
 * ?)`), so NULLs, dates and text arrive as they would bound one by one. SQLite: prepared `VALUES` statements of 100
 * rows, the remainder row by row (better-sqlite3 runs them synchronously, no round trip). `suffix` is appended to
 * each statement (`on conflict … do update …`, `returning …`); the rows they return are concatenated.
 */
export async function insertPrepared(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { suffix?: string } = {},
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const suffix = options.suffix ? ` ${options.suffix}` : '';
  if (sqlDialectOf(em) === 'postgresql') {
    const sql =
      `insert into "${table}" (${quoted}) select ${quoted} from json_populate_recordset(null::"${table}", ?::json)` +
      suffix;
    return withConnection(em, (client) => runPg(client as PgClient, sql, [recordsJson(columns, rows)], true));
  }
  return withConnection(em, (connection) =>
    insertSqliteRows(connection as SqliteConnection, table, columns, rows, options.suffix),
  );
}

/**
 * `insertPrepared` on a better-sqlite3 connection: prepared `VALUES` statements of 100 rows kept on the connection,
 * the remainder row by row, values stored as the ORM stores them (`sqliteValue`). Also what the import's write
 * worker runs (`SqliteWriteWorker`) on its own connection.
 */
export function insertSqliteRows(
  sqlite: SqliteConnection,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  suffix?: string,
): Row[] {
  const out: Row[] = [];
  if (rows.length === 0) return out;
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const tail = suffix ? ` ${suffix}` : '';
  const head = `insert into "${table}" (${quoted}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const block = Math.max(1, Math.min(SQLITE_BLOCK, Math.floor(SQLITE_MAX_PARAMETERS / columns.length)));
  const blockSql = head + Array.from({ length: block }, () => tuple).join(', ') + tail;
  const rowSql = head + tuple + tail;
  const width = columns.length;
  // one array of stored values a statement, filled in place (no spread, no second copy by `runSqlite`)
  const bind = (statement: SqliteStatement, from: number, count: number) => {
    const values = new Array<unknown>(count * width);
    for (let k = 0; k < count; k++) {
      const row = rows[from + k];
      for (let c = 0; c < width; c++) values[k * width + c] = sqliteValue(row[c]);
    }
    if (!statement.reader) return void statement.run(values);
    for (const row of statement.all(values)) out.push(row);
  };
  let i = 0;
  if (i + block <= rows.length) {
    const statement = sqliteStatement(sqlite, blockSql);
    for (; i + block <= rows.length; i += block) bind(statement, i, block);
  }
  if (i < rows.length) {
    const statement = sqliteStatement(sqlite, rowSql);
    for (; i < rows.length; i++) bind(statement, i, 1);
  }
  return out;
}
