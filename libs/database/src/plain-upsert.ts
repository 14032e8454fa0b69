import type { EntityManager } from '@mikro-orm/core';
import { executePlain } from './plain-statement.js';

export interface PlainUpsert {
  table: string;
  /** The conflict target: the primary key's (or a unique index's) columns. */
  key: readonly string[];
  /** Every column written when the row is new (column name → value; a `Date` is stored as the ORM stores it). */
  insert: Record<string, unknown>;
  /** The columns an existing row takes from `insert` (the others keep their value). */
  update: readonly string[];
  /** Columns of the row after the statement. */
  returning: readonly string[];
  /**
   * A condition on the existing row (its columns as `<table>.<column>`, the new values as `excluded.<column>`)
   * without which it is left alone, e.g. only if the stored fact is not newer: then no row is returned.
   */
  onlyIf?: string;
}

/**
 * Inserts a row or updates some of its columns, in one statement and inside the caller's transaction, without
 * entities (no lookup first, no identity map, no change set): for projections written on every consumed event.
 * Same SQL on SQLite (>= 3.35) and PostgreSQL. Entities of the table already loaded in `em` do not see the change.
 * Returns the row after the statement; nothing when it left an existing row alone (`onlyIf`, or no `update`).
 */
export async function upsertPlainRow<R extends object>(em: EntityManager, upsert: PlainUpsert): Promise<R | undefined> {
  const columns = Object.keys(upsert.insert);
  const quote = (column: string) => `"${column}"`;
  const set = [...upsert.update].map((column) => `${quote(column)} = excluded.${quote(column)}`);
  const sql =
    `insert into ${quote(upsert.table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
    `on conflict (${upsert.key.map(quote).join(', ')}) ` +
    (set.length ? `do update set ${set.join(', ')} ${upsert.onlyIf ? `where ${upsert.onlyIf} ` : ''}` : 'do nothing ') +
    `returning ${upsert.returning.map(quote).join(', ')}`;
  return (await executePlain<R>(em, sql, Object.values(upsert.insert)))[0];
}
