import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { readThrough, sqliteReader } from './sqlite-reader.js';

/**
 * Runs one SQL statement with `?` placeholders inside the caller's transaction (if any) and returns its rows, on
 * SQLite and PostgreSQL. Unlike `em.getConnection().execute`, which writes the values into the SQL text, the values
 * go to the driver as bindings: the text stays the same from call to call, so SQLite reuses the prepared statement
 * (`cacheStatements`). On a SQLite file, a SELECT outside a transaction goes through a read-only connection of its
 * own (`sqliteReader`: committed data, no pool round trip, not queued behind another request's transaction).
 */
export async function executePlain<R>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<R[]> {
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (!transaction) {
    const reader = sqliteReader(em);
    const rows = reader && readThrough<R>(reader, sql, params);
    if (rows) return rows;
  }
  const knex = (em.getConnection() as unknown as { getKnex(): Knex }).getKnex();
  // dates as the ORM stores them: SQLite milliseconds (knex's SQLite client converts a Date), PostgreSQL UTC
  const postgres = (knex.client as { dialect?: string }).dialect === 'postgresql';
  const bindings = params.map((value) => (postgres && value instanceof Date ? value.toISOString() : value));
  const query = knex.raw(sql, bindings as Knex.RawBinding[]);
  if (transaction) query.transacting(transaction);
  const result = (await query) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: R[] }).rows ?? [])) as R[];
}
