import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntitySchema } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/better-sqlite';
import { describe, expect, it } from 'vitest';
import { executePlain, sqliteReader } from '../src/index.js';

interface Note {
  id: string;
  text: string;
}
const NoteSchema = new EntitySchema<Note>({
  name: 'Note',
  tableName: 'reader_test_note',
  properties: { id: { type: 'string', primary: true }, text: { type: 'string' } },
});

describe('executePlain on a SQLite file: SELECTs outside a transaction through a read-only connection', () => {
  it('sees committed rows only, reads inside a transaction through it, and closes with the ORM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-reader-'));
    const orm = await MikroORM.init({ dbName: join(dir, 'db.sqlite'), entities: [NoteSchema] });
    try {
      await orm.schema.createSchema();
      await orm.em.getConnection().execute('pragma journal_mode = WAL');
      const em = orm.em.fork();
      await executePlain(em, 'insert into reader_test_note (id, text) values (?, ?)', ['n1', 'a']);
      expect(sqliteReader(em)).not.toBeNull();
      const select = 'select id, text from reader_test_note where id like ? order by id';
      expect(await executePlain(em, select, ['n%'])).toEqual([{ id: 'n1', text: 'a' }]);
      await orm.em.fork().transactional(async (tx) => {
        await executePlain(tx, 'insert into reader_test_note (id, text) values (?, ?)', ['n2', 'b']);
        // the transaction sees its own row; a read outside it does not, until it commits
        expect((await executePlain(tx, select, ['n%'])).length).toBe(2);
        expect((await executePlain(em, select, ['n%'])).length).toBe(1);
      });
      expect((await executePlain(em, select, ['n%'])).length).toBe(2);
      // a statement that writes goes to the ORM's connection, even when it starts like a read
      const written = await executePlain(
        em,
        'with t(id, text) as (select ?, ?) insert into reader_test_note (id, text) select id, text from t returning id',
        ['n3', 'c'],
      );
      expect(written).toEqual([{ id: 'n3' }]);
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not used for an in-memory database', async () => {
    const orm = await MikroORM.init({ dbName: ':memory:', entities: [NoteSchema] });
    expect(sqliteReader(orm.em)).toBeNull();
    await orm.close(true);
  });
});
