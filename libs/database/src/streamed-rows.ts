import type { EntityManager } from '@mikro-orm/core';
import { sqlDialectOf } from './calendar-sql.js';
import { numbered, withConnection } from './prepared-rows.js';
import { sqliteValue } from './sqlite-statements.js';

interface RawSqliteStatement {
  raw(toggle: boolean): RawSqliteStatement;
  iterate(params: unknown[]): IterableIterator<unknown[]>;
}
interface PgQuery {
  on(event: 'row', listener: (row: unknown[]) => void): PgQuery;
  on(event: 'end', listener: () => void): PgQuery;
  on(event: 'error', listener: (error: Error) => void): PgQuery;
}
interface PgStreamingClient {
  query(query: PgQuery): unknown;
  constructor: { Query: new (config: { text: string; values: unknown[]; rowMode: 'array' }) => PgQuery };
}

const rawStatements = new WeakMap<object, Map<string, RawSqliteStatement>>();

/**
 * Runs a reading statement with `?` placeholders inside `em`'s transaction (or on the pool) and hands each row to
 * `onRow` as it arrives — its values in the order of the select list — without collecting the rows: a caller that
 * folds thousands of rows into a few counters (a statistics table) keeps none of them alive, so they die young
 * instead of being copied and promoted by the collector with the whole result (`runPrepared` and knex hold every
 * row until the last has come). PostgreSQL: the pg client's own `Query` with a row listener (pg then keeps no
 * rows); SQLite: better-sqlite3's `iterate` in raw mode, the statement prepared once per connection. The row
 * array may be reused by the driver: read it in `onRow`, do not keep it. Returns the number of rows.
 */
export async function forEachRow(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  onRow: (row: readonly unknown[]) => void,
): Promise<number> {
  let rows = 0;
  if (sqlDialectOf(em) === 'postgresql')
    await withConnection(
      em,
      (connection) =>
        new Promise<void>((resolve, reject) => {
          const client = connection as PgStreamingClient;
          const values = params.map((value) => (value === undefined ? null : value));
          const query = new client.constructor.Query({ text: numbered(sql), values, rowMode: 'array' });
          let failed: Error | null = null;
          query.on('row', (row) => {
            if (failed) return;
            rows += 1;
            try {
              onRow(row);
            } catch (error) {
              failed = error as Error;
            }
          });
          query.on('error', reject);
          query.on('end', () => (failed ? reject(failed) : resolve()));
          client.query(query);
        }),
    );
  else
    await withConnection(em, (connection) => {
      let cache = rawStatements.get(connection as object);
      if (!cache) rawStatements.set(connection as object, (cache = new Map<string, RawSqliteStatement>()));
      let statement = cache.get(sql);
      if (!statement) {
        statement = (connection as { prepare(sql: string): RawSqliteStatement }).prepare(sql).raw(true);
        if (cache.size >= 500) cache.clear();
        cache.set(sql, statement);
      }
      for (const row of statement.iterate(params.map(sqliteValue))) {
        rows += 1;
        onRow(row);
      }
    });
  return rows;
}
