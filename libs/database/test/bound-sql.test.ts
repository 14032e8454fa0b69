import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntitySchema } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/better-sqlite';
import { describe, expect, it } from 'vitest';
import { executePlain, insertRows } from '../src/index.js';

interface Entry {
  id: string;
  at: Date;
  flag: boolean;
}
const EntrySchema = new EntitySchema<Entry>({
  name: 'Entry',
  tableName: 'bound_test_entry',
  properties: {
    id: { type: 'string', primary: true },
    at: { type: 'datetime' },
    flag: { type: 'boolean' },
  },
});

describe('insertRows on SQLite outside a transaction: straight on the pooled connection', () => {
  it('binds dates and booleans as the ORM stores them, returns RETURNING rows, and waits for an open transaction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bound-sql-'));
    const orm = await MikroORM.init({ dbName: join(dir, 'db.sqlite'), entities: [EntrySchema] });
    try {
      await orm.schema.createSchema();
      const em = orm.em.fork();
      const at = new Date('2026-12-03T07:00:00Z');
      await insertRows(em, 'bound_test_entry', ['id', 'at', 'flag'], [['e1', at, true]]);
      const returned = await insertRows(em, 'bound_test_entry', ['id', 'at', 'flag'], [['e2', at, false]], {
        suffix: 'returning id',
      });
      expect(returned).toEqual([{ id: 'e2' }]);
      const read = await orm.em.fork().find(EntrySchema, {}, { orderBy: { id: 'asc' } });
      expect(read.map((e) => [e.id, e.at.toISOString(), e.flag])).toEqual([
        ['e1', at.toISOString(), true],
        ['e2', at.toISOString(), false],
      ]);

      // a transaction holds the one pooled connection: the insert outside it runs after it ends, not inside it
      let inserted = false;
      let outside: Promise<unknown> | undefined;
      await expect(
        orm.em.fork().transactional(async (tx) => {
          await insertRows(tx, 'bound_test_entry', ['id', 'at', 'flag'], [['in-tx', at, true]]);
          outside = insertRows(em, 'bound_test_entry', ['id', 'at', 'flag'], [['outside', at, true]]).then(() => {
            inserted = true;
          });
          await new Promise((resolve) => setTimeout(resolve, 50));
          expect(inserted).toBe(false);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await outside;
      const ids = await executePlain<{ id: string }>(em, 'select id from bound_test_entry order by id', []);
      expect(ids.map((r) => r.id)).toEqual(['e1', 'e2', 'outside']);
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
