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
  return (await executePlain<R>(em, upsertSql(upsert, columns), Object.values(upsert.insert)))[0];
}

/** A kept statement text and the shape it was built for. */
interface UpsertText {
  columns: readonly string[];
  key: readonly string[];
  update: readonly string[];
  returning: readonly string[];
  onlyIf: string | undefined;
  sql: string;
}

/** Statement texts per table, a few shapes each (the columns a fact sets vary). */
const texts = new Map<string, UpsertText[]>();
const SHAPES_PER_TABLE = 32;

/**
 * The statement of `upsert`: built once per shape (table, columns, key, updated and returned columns, condition) and
 * kept, so a projection written on every consumed event neither builds its text again nor hands the statement
 * cache a new string to hash.
 */
function upsertSql(upsert: PlainUpsert, columns: readonly string[]): string {
  let shapes = texts.get(upsert.table);
  if (!shapes) texts.set(upsert.table, (shapes = []));
  for (const shape of shapes)
    if (
      shape.onlyIf === upsert.onlyIf &&
      sameList(shape.columns, columns) &&
      sameList(shape.update, upsert.update) &&
      sameList(shape.key, upsert.key) &&
      sameList(shape.returning, upsert.returning)
    )
      return shape.sql;
  const quote = (column: string) => `"${column}"`;
  const set = [...upsert.update].map((column) => `${quote(column)} = excluded.${quote(column)}`);
  const sql =
    `insert into ${quote(upsert.table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
    `on conflict (${upsert.key.map(quote).join(', ')}) ` +
    (set.length ? `do update set ${set.join(', ')} ${upsert.onlyIf ? `where ${upsert.onlyIf} ` : ''}` : 'do nothing ') +
    `returning ${upsert.returning.map(quote).join(', ')}`;
  if (shapes.length >= SHAPES_PER_TABLE) shapes.shift();
  shapes.push({
    columns: [...columns],
    key: [...upsert.key],
    update: [...upsert.update],
    returning: [...upsert.returning],
    onlyIf: upsert.onlyIf,
    sql,
  });
  return sql;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
