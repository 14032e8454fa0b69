import { EntitySchema, type MikroORM, type Ref } from '@mikro-orm/core';
import { MikroORM as SqliteOrm } from '@mikro-orm/better-sqlite';
import { MikroORM as PostgresOrm } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityCount, entityRows, selectStatement } from '../src/index.js';

interface Shelf {
  id: string;
  code: string;
}
interface Book {
  id: string;
  title: string;
  shelf: Ref<Shelf> | null;
  lent: boolean;
  pages: number;
  addedAt: Date;
  returnedOn: string | null;
}
const ShelfSchema = new EntitySchema<Shelf>({
  name: 'Shelf',
  tableName: 'rows_test_shelf',
  properties: { id: { type: 'string', primary: true }, code: { type: 'string' } },
});
const BookSchema = new EntitySchema<Book>({
  name: 'Book',
  tableName: 'rows_test_book',
  properties: {
    id: { type: 'string', primary: true },
    title: { type: 'string' },
    shelf: { kind: 'm:1', entity: () => ShelfSchema, ref: true, nullable: true },
    lent: { type: 'boolean' },
    pages: { type: 'integer' },
    addedAt: { type: 'datetime' },
    returnedOn: { type: 'string', nullable: true },
  },
});

const postgresUrl = process.env.SHEQU_TEST_POSTGRES_URL;
const dialects: Array<[string, () => Promise<MikroORM>]> = [
  ['sqlite', () => SqliteOrm.init({ dbName: ':memory:', entities: [ShelfSchema, BookSchema] })],
];
if (postgresUrl) {
  const url = new URL(postgresUrl);
  url.pathname = `/entity_rows_${Date.now()}`;
  dialects.push([
    'postgresql',
    () => PostgresOrm.init({ clientUrl: url.toString(), entities: [ShelfSchema, BookSchema] }),
  ]);
}

describe.each(dialects)('entityRows (%s)', (dialect, open) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await open();
    if (dialect === 'postgresql') await orm.schema.ensureDatabase();
    await orm.schema.refreshDatabase();
    const em = orm.em.fork();
    const a = em.create(ShelfSchema, { id: 's1', code: 'A' });
    const b = em.create(ShelfSchema, { id: 's2', code: 'B' });
    for (let i = 1; i <= 6; i++)
      em.create(BookSchema, {
        id: `b${i}`,
        title: `书 ${i}`,
        shelf: i <= 3 ? a : i <= 5 ? b : null,
        lent: i % 2 === 0,
        pages: i * 100,
        addedAt: new Date(Date.UTC(2026, 0, i, 8)),
        returnedOn: i === 1 ? '2026-02-01' : null,
      });
    await em.flush();
  });
  afterAll(async () => {
    if (dialect === 'postgresql') await orm.schema.dropDatabase();
    await orm?.close(true);
  });

  it('gives the rows em.find gives, as plain objects with references as { id }', async () => {
    const em = orm.em.fork();
    const rows = await entityRows(em, BookSchema, { shelf: { code: 'A' } }, { orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.id)).toEqual(['b1', 'b2', 'b3']);
    expect(rows[0]).toEqual({
      id: 'b1',
      title: '书 1',
      shelf: { id: 's1' },
      lent: false,
      pages: 100,
      addedAt: new Date(Date.UTC(2026, 0, 1, 8)),
      returnedOn: '2026-02-01',
    });
    expect(rows[1].lent).toBe(true);
    const entities = await orm.em.fork().find(BookSchema, { shelf: { code: 'A' } }, { orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.id, r.title, r.shelf?.id, r.lent, r.pages, r.addedAt.getTime(), r.returnedOn])).toEqual(
      entities.map((e) => [e.id, e.title, e.shelf?.id, e.lent, e.pages, e.addedAt.getTime(), e.returnedOn]),
    );
    expect(await entityCount(em, BookSchema, { shelf: { code: 'A' } })).toBe(3);
    expect(await entityCount(em, BookSchema, { shelf: { code: 'B' } })).toBe(2);
    expect(await entityCount(em, BookSchema, { title: 'none' })).toBe(0);
    const unshelved = await entityRows(em, BookSchema, { shelf: null });
    expect(unshelved.map((r) => [r.id, r.shelf])).toEqual([['b6', null]]);
  });

  it('builds a statement once per shape: other strings of the same shape reuse its text with other parameters', async () => {
    const em = orm.em.fork();
    const meta = em.getMetadata().get<Book>('Book');
    const one = selectStatement(em, meta, { $and: [{ shelf: 's1' }, { title: { $like: '书%' } }] }, { limit: 2 });
    const two = selectStatement(em, meta, { $and: [{ shelf: 's2' }, { title: { $like: '%5' } }] }, { limit: 2 });
    expect(two.sql).toBe(one.sql);
    expect(one.sql).toContain('?');
    expect(one.params).toEqual(['s1', '书%', 2]);
    expect(two.params).toEqual(['s2', '%5', 2]);
    expect((await entityRows(em, BookSchema, { $and: [{ shelf: 's2' }, { title: { $like: '%5' } }] })).length).toBe(1);
    // `$in` lists of other lengths, other non-string values: other shapes
    const ids = await entityRows(
      em,
      BookSchema,
      { id: { $in: ['b2', 'b4'] }, lent: true },
      { orderBy: { id: 'desc' } },
    );
    expect(ids.map((r) => r.id)).toEqual(['b4', 'b2']);
    expect((await entityRows(em, BookSchema, { id: { $in: ['b1'] }, lent: true })).length).toBe(0);
    expect((await entityRows(em, BookSchema, { pages: { $gte: 500 } })).map((r) => r.id).sort()).toEqual(['b5', 'b6']);
    // a Date value: built each time (not cached), same answer as the ORM
    const since = new Date(Date.UTC(2026, 0, 5));
    expect((await entityRows(em, BookSchema, { addedAt: { $gte: since } })).map((r) => r.id).sort()).toEqual([
      'b5',
      'b6',
    ]);
  });
});
