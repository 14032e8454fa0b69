import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { onPooledSqlite, type SqlitePoolClient } from './plain-statement.js';

type Row = Record<string, unknown>;

function isSqlite(em: EntityManager): boolean {
  return em.getPlatform().constructor.name !== 'PostgreSqlPlatform';
}

/**
 * Runs SQL with `?` placeholders whose values go to the driver as bound parameters, in `em`'s transaction.
 * For bulk writes: `em.getConnection().execute` writes every value into the SQL text first, so a 500-row insert
 * becomes a long statement that SQLite must parse and prepare anew each time (several times the insert's own cost).
 * Dates are stored as the ORM stores them (epoch milliseconds on SQLite, `timestamptz` on PostgreSQL).
 */
async function executeBound(em: EntityManager, sql: string, params: readonly unknown[]): Promise<Row[]> {
  const sqlite = isSqlite(em);
  const bindings = params.map((value) => {
    if (value instanceof Date) return sqlite ? value.getTime() : value;
    if (value === undefined) return null;
    return typeof value === 'boolean' && sqlite ? Number(value) : value;
  });
  const connection = em.getConnection('write') as unknown as AbstractSqlConnection;
  const knex = connection.getKnex();
  const trx = em.getTransactionContext<Parameters<ReturnType<typeof knex.raw>['transacting']>[0]>();
  const client = knex.client as unknown as SqlitePoolClient;
  if (!trx && sqlite && client.driverName === 'better-sqlite3') return onPooledSqlite<Row>(client, sql, bindings);
  const query = knex.raw(sql, bindings as never[]);
  if (trx) query.transacting(trx);
  const result = (await query) as unknown;
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows?: Row[] } | undefined)?.rows ?? [];
}

/**
 * Inserts rows (arrays of values in `columns` order) with multi-row `INSERT … VALUES (…), (…)` statements of at most
 * `rowsPerStatement` rows, bound parameters (see `executeBound`), in `em`'s transaction. `suffix` is appended to
 * each statement (`on conflict … do update …`, `returning …`); the rows they return are concatenated.
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { suffix?: string; rowsPerStatement?: number } = {},
): Promise<Row[]> {
  const per = Math.max(1, Math.min(options.rowsPerStatement ?? 500, Math.floor(30_000 / columns.length)));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const slice = rows.slice(i, i + per);
    const sql = head + slice.map(() => tuple).join(', ') + (options.suffix ? ` ${options.suffix}` : '');
    out.push(...(await executeBound(em, sql, slice.flat())));
  }
  return out;
}
