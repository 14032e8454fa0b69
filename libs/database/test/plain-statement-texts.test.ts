import { rmSync } from 'node:fs';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import {
  executePlain,
  executePlainValues,
  openDatabase,
  runTopLevelTransaction,
  sqlForRows,
  upsertPlainRow,
  type Orm,
} from '../src/index.js';

class Tally {
  id!: string;
  a!: number;
  b!: number;
}
const TallySchema = new EntitySchema<Tally>({
  class: Tally,
  tableName: 'tally',
  properties: { id: { type: 'string', primary: true }, a: { type: 'integer' }, b: { type: 'integer' } },
});

class CreateTallies extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "tally" ("id" varchar(36) not null primary key, "a" integer not null, "b" integer not null)',
    );
  }
}

describe('sqlForRows', () => {
  it('builds a text once per row count and hands back the same string', () => {
    let built = 0;
    const text = sqlForRows((rows) => {
      built += 1;
      return `values ${Array.from({ length: rows }, () => '(?)').join(', ')}`;
    });
    expect(text(2)).toBe('values (?), (?)');
    expect(text(3)).toBe('values (?), (?), (?)');
    expect(text(2)).toBe('values (?), (?)');
    expect(built).toBe(2);
  });
});

describe.each(testDialects())('plain statements with kept texts (%s)', (dialect) => {
  const location = testDatabaseLocation(dialect, 'plain_texts');
  let orm: Orm;
  beforeAll(async () => {
    const migration = { name: 'Migration1_tally', class: CreateTallies };
    orm = await openDatabase({
      location,
      entities: [TallySchema],
      migrations: { sqlite: [migration], postgresql: [migration] },
    });
  });
  afterAll(async () => {
    await orm.close(true);
    if (dialect === 'sqlite') rmSync(location.dbName, { force: true });
  });

  it('executePlainValues returns rows as arrays in column order, and the same statement then returns objects again', async () => {
    const sql = 'insert into tally (id, a, b) values (?, ?, ?), (?, ?, ?) returning b, id';
    const again = 'select b, id from tally where id in (?, ?) order by id';
    await runTopLevelTransaction(orm.em.fork(), async (em) => {
      expect(await executePlainValues(em, sql, ['t1', 1, 10, 't2', 2, 20])).toEqual(
        expect.arrayContaining([
          [10, 't1'],
          [20, 't2'],
        ]),
      );
      expect(await executePlainValues(em, again, ['t1', 't2'])).toEqual([
        [10, 't1'],
        [20, 't2'],
      ]);
      // the prepared statement is shared through the connection's cache: back in its usual mode
      expect(await executePlain(em, again, ['t1', 't2'])).toEqual([
        { b: 10, id: 't1' },
        { b: 20, id: 't2' },
      ]);
    });
    // outside a transaction too
    expect(await executePlainValues(orm.em.fork(), again, ['t1', 't2'])).toEqual([
      [10, 't1'],
      [20, 't2'],
    ]);
  });

  it('upsertPlainRow keeps a text per shape: an upsert updating other columns of the same table is not given a kept text', async () => {
    await runTopLevelTransaction(orm.em.fork(), async (em) => {
      const upsert = (update: string[], a: number, b: number) =>
        upsertPlainRow<{ a: number; b: number }>(em, {
          table: 'tally',
          key: ['id'],
          insert: { id: 'u1', a, b },
          update,
          returning: ['a', 'b'],
        });
      expect(await upsert(['a'], 1, 1)).toEqual({ a: 1, b: 1 });
      expect(await upsert(['a'], 2, 2)).toEqual({ a: 2, b: 1 });
      expect(await upsert(['b'], 3, 3)).toEqual({ a: 2, b: 3 });
      expect(await upsert(['a', 'b'], 4, 4)).toEqual({ a: 4, b: 4 });
      expect(await upsert([], 5, 5)).toBeUndefined();
      expect(await upsert(['a'], 6, 6)).toEqual({ a: 6, b: 4 });
    });
  });
});
