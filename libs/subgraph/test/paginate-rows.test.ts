import { EntitySchema } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/better-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paginate, type PageArgs } from '../src/index.js';

interface Item {
  id: string;
  rank: number;
  label: string;
}
const ItemSchema = new EntitySchema<Item>({
  name: 'Item',
  tableName: 'paginate_rows_item',
  properties: { id: { type: 'string', primary: true }, rank: { type: 'integer' }, label: { type: 'string' } },
});

describe('paginate with rows: true (plain rows, one bound statement per page shape)', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init({ dbName: ':memory:', entities: [ItemSchema] });
    await orm.schema.createSchema();
    const em = orm.em.fork();
    for (let i = 1; i <= 7; i++) em.create(ItemSchema, { id: `i${i}`, rank: i % 3, label: i % 2 ? '单' : '双' });
    await em.flush();
  });
  afterAll(() => orm.close(true));

  async function all(rows: boolean, where: object, orderBy: object) {
    const pages: Array<{
      ids: string[];
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      endCursor: string | null;
      total: number;
    }> = [];
    let after: string | null = null;
    for (;;) {
      const page: PageArgs = { first: 2, after };
      const connection = await paginate(orm.em.fork(), ItemSchema, where, page, orderBy as never, { rows });
      pages.push({
        ids: connection.edges.map((e) => e.node.id),
        hasNextPage: connection.pageInfo.hasNextPage,
        hasPreviousPage: connection.pageInfo.hasPreviousPage,
        endCursor: connection.pageInfo.endCursor,
        total: await connection.totalCount,
      });
      expect(connection.edges.at(-1)?.cursor ?? null).toBe(connection.pageInfo.endCursor);
      if (!connection.pageInfo.hasNextPage) return pages;
      after = connection.pageInfo.endCursor;
    }
  }

  it('pages through like the entity path: same nodes, cursors and page info, on a two-key order', async () => {
    for (const [where, orderBy] of [
      [{}, { id: 'asc' }],
      [{}, { rank: 'desc', id: 'asc' }],
      [{ label: '单' }, { rank: 'asc', id: 'desc' }],
    ] as const) {
      const rows = await all(true, where, orderBy);
      expect(rows).toEqual(await all(false, where, orderBy));
      expect(rows.flatMap((p) => p.ids).length).toBe('label' in where ? 4 : 7);
    }
  });

  it('gives plain objects, not entities', async () => {
    const connection = await paginate(orm.em.fork(), ItemSchema, {}, { first: 1 }, undefined, { rows: true });
    expect(connection.edges[0].node).toEqual({ id: 'i1', rank: 1, label: '单' });
    expect(Object.getPrototypeOf(connection.edges[0].node)).toBe(Object.prototype);
  });
});
