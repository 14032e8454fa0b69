import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { readThrough, sqliteReader } from './sqlite-reader.js';
import { isSqliteTransaction } from './sqlite-transactions.js';
import { runOn, sqliteBindings, type SqliteHandle } from './sqlite-statements.js';

/**
 * Runs one SQL statement with `?` placeholders inside the caller's transaction (if any) and returns its rows, on
 * SQLite and PostgreSQL. Unlike `em.getConnection().execute`, which writes the values into the SQL text, the values
 * go to the driver as bindings: the text stays the same from call to call, so SQLite reuses the prepared statement
 * (`cacheStatements`). Inside a SQLite transaction the statement goes straight to the transaction's connection
 * (better-sqlite3 answers synchronously): knex's query builder, runner and promise chain cost more than the statement.
 * On a SQLite file, a SELECT outside a transaction goes through a read-only connection of its own (`sqliteReader`:
 * committed data, no pool round trip, not queued behind another request's transaction). `transaction`: the one to run in
 * when the caller holds it apart from `em` (as `connection.execute(…, trx)` takes it); default `em`'s own.
 */
export async function executePlain<R>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  transaction: Knex.Transaction | undefined = em.getTransactionContext<Knex.Transaction>(),
): Promise<R[]> {
  if (isSqliteTransaction(transaction)) {
    // the SQLite transaction's own connection, no promise in between (sqlite-transactions.ts)
    return transaction.query<R>(sql, params);
  }
  if (!transaction) {
    const reader = sqliteReader(em);
    const rows = reader && readThrough<R>(reader, sql, params);
    if (rows) return rows;
  }
  const knex = (em.getConnection() as unknown as { getKnex(): Knex }).getKnex();
  // dates as the ORM stores them: SQLite milliseconds (knex's SQLite client converts a Date), PostgreSQL UTC
  const postgres = (knex.client as { dialect?: string }).dialect === 'postgresql';
  const pool = knex.client as unknown as SqlitePoolClient;
  if (!transaction && pool.driverName === 'better-sqlite3') return onPooledSqlite<R>(pool, sql, sqliteBindings(params));
  if (transaction && !postgres) {
    const rows = await onSqliteTransaction<R>(transaction, sql, params);
    if (rows) return rows;
  }
  const bindings = params.map((value) => (postgres && value instanceof Date ? value.toISOString() : value));
  const query = knex.raw(sql, bindings as Knex.RawBinding[]);
  if (transaction) query.transacting(transaction);
  const result = (await query) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: R[] }).rows ?? [])) as R[];
}

/**
 * `executePlain` for a statement that returns rows (a query, or a write with `returning`), each row as an array of
 * its values in the order of the statement's columns. Inside a SQLite transaction better-sqlite3 makes no object per
 * row (`valuesOn`): for the statements run on every consumed batch whose rows are only read by position.
 */
export async function executePlainValues(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  transaction: Knex.Transaction | undefined = em.getTransactionContext<Knex.Transaction>(),
): Promise<unknown[][]> {
  if (isSqliteTransaction(transaction)) return transaction.queryValues(sql, params);
  const rows = await executePlain<Record<string, unknown>>(em, sql, params, transaction);
  return rows.map((row) => Object.values(row));
}

/** What of knex's better-sqlite3 transaction client and connection the direct path uses. */
interface SqliteTransactionClient {
  driverName?: string;
  acquireConnection(): Promise<SqliteHandle>;
  _formatBindings(bindings: readonly unknown[]): unknown[];
}

/**
 * The statement on the connection the transaction holds (knex's pool has one better-sqlite3 connection, held by the
 * transaction until it ends), with the bindings converted as knex converts them; undefined when the transaction is
 * not knex's better-sqlite3 one (then knex runs it).
 */
async function onSqliteTransaction<R>(
  transaction: Knex.Transaction,
  sql: string,
  params: readonly unknown[],
): Promise<R[] | undefined> {
  const client = transaction.client as unknown as SqliteTransactionClient;
  if (client.driverName !== 'better-sqlite3') return undefined;
  if (transaction.isCompleted()) throw new Error(`Transaction query already complete: ${sql}`);
  const connection = await client.acquireConnection();
  return runOn<R>(connection, sql, client._formatBindings(params));
}

/** What of knex's better-sqlite3 client the pooled path uses: its pool (of one connection) and the driver's name. */
export interface SqlitePoolClient {
  driverName?: string;
  acquireConnection(): Promise<SqliteHandle>;
  releaseConnection(connection: SqliteHandle): Promise<unknown>;
}

/**
 * Outside a transaction on SQLite: the statement runs on the pool's connection, taken and given back as knex's
 * runner does (so it still waits for another request's open transaction), without the runner's query object, its
 * binding formatting and promise chain — more CPU than a one-row statement itself.
 */
export async function onPooledSqlite<R>(client: SqlitePoolClient, sql: string, bindings: unknown[]): Promise<R[]> {
  const connection = await client.acquireConnection();
  try {
    return runOn<R>(connection, sql, bindings);
  } finally {
    await client.releaseConnection(connection);
  }
}
