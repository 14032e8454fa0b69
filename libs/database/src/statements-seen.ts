import type { MikroORM } from '@mikro-orm/core';
import { SqliteTransaction } from './sqlite-transactions.js';

type Query = (this: SqliteTransaction, sql: string, params: readonly unknown[]) => unknown[];
type Listener = (data: { sql: string }) => void;

/**
 * The SQL statements `orm` runs while `work` runs, in order: those through knex (query builders, `executePlain`
 * outside a SQLite transaction, PostgreSQL) and the plain statements of SQLite transactions (`SqliteTransaction.query`
 * and `queryValues`, which knex never sees). For tests that count what a path costs in statements; the statements still run.
 */
export async function statementsDuring(orm: MikroORM, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const prototype = SqliteTransaction.prototype as unknown as { query: Query; queryValues: Query };
  const query = Object.getOwnPropertyDescriptor(prototype, 'query')?.value as Query;
  const queryValues = Object.getOwnPropertyDescriptor(prototype, 'queryValues')?.value as Query;
  prototype.query = function (this: SqliteTransaction, sql: string, params: readonly unknown[]) {
    seen.push(sql);
    return query.call(this, sql, params);
  };
  prototype.queryValues = function (this: SqliteTransaction, sql: string, params: readonly unknown[]) {
    seen.push(sql);
    return queryValues.call(this, sql, params);
  };
  const knex = (
    orm.em.getConnection() as unknown as {
      getKnex(): { on(event: 'query', listener: Listener): void; off(event: 'query', listener: Listener): void };
    }
  ).getKnex();
  const onQuery: Listener = (data) => void seen.push(data.sql);
  knex.on('query', onQuery);
  try {
    await work();
  } finally {
    prototype.query = query;
    prototype.queryValues = queryValues;
    knex.off('query', onQuery);
  }
  return seen;
}
