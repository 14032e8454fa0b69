import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { executePlain, openDatabase, scanKeysetPages, type Orm } from '../src/index.js';

class Parcel {
  id!: string;
  flagged!: number;
}
const ParcelSchema = new EntitySchema<Parcel>({
  class: Parcel,
  tableName: 'parcel',
  properties: { id: { type: 'string', primary: true }, flagged: { type: 'integer' } },
});

class CreateParcels extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "parcel" ("id" varchar(36) not null primary key, "flagged" integer not null)');
    this.addSql('create table "parcel_note" ("parcel_id" varchar(36) not null, "note" varchar(50) not null)');
  }
}

/** The error PostgreSQL gives a transaction it chose as a deadlock's victim (SQLSTATE 40P01). */
const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe.each(testDialects())('a keyset scan page aborted as a transient conflict (%s)', (dialect) => {
  let orm: Orm;

  beforeAll(async () => {
    const migration = { name: 'Migration1_parcel', class: CreateParcels };
    orm = await openDatabase({
      location: testDatabaseLocation(dialect, 'keyset_retry'),
      entities: [ParcelSchema],
      migrations: { sqlite: [migration], postgresql: [migration] },
    });
    const ids = Array.from({ length: 7 }, (_, i) => `p-${i}`);
    await executePlain(
      orm.em.fork(),
      `insert into parcel (id, flagged) values ${ids.map(() => '(?, 0)').join(', ')}`,
      ids,
    );
  });
  afterAll(() => orm?.close(true));

  it('runs the page again: its writes once, its count once, the walk to the end', async () => {
    let runs = 0;
    const aborts = new Set([0, 2]); // the first page's first run, the second page's first run
    const progress = await scanKeysetPages(
      orm.em,
      async (tx, after, limit) => {
        const run = runs++;
        const rows = await executePlain<{ id: string }>(
          tx,
          'select id from parcel where flagged = 0 and id > ? order by id limit ?',
          [after ?? '', limit],
        );
        for (const row of rows) {
          await executePlain(tx, 'update parcel set flagged = flagged + 1 where id = ?', [row.id]);
          await executePlain(tx, 'insert into parcel_note (parcel_id, note) values (?, ?)', [row.id, '已处理']);
        }
        // the database aborts the transaction after the page did its work: nothing of it may stay
        if (aborts.has(run)) throw deadlock();
        return { rows: rows.length, lastKey: rows.at(-1)?.id ?? null, done: rows.length };
      },
      { pageSize: 3 },
    );
    expect(runs).toBe(5); // 2 + 2 + 1 (the last, short page)
    expect(progress).toEqual({ pages: 3, rows: 7, done: 7 });
    const flags = await executePlain<{ flagged: number }>(orm.em.fork(), 'select flagged from parcel order by id', []);
    expect(flags.map((row) => Number(row.flagged))).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const notes = await executePlain<{ n: number }>(orm.em.fork(), 'select count(*) as n from parcel_note', []);
    expect(Number(notes[0].n)).toBe(7);
  });

  it('ends the walk with any other failure, and with a conflict that keeps coming back', async () => {
    let runs = 0;
    await expect(
      scanKeysetPages(orm.em, async () => {
        runs++;
        throw new Error('磁盘已满');
      }),
    ).rejects.toThrow('磁盘已满');
    expect(runs).toBe(1);
    runs = 0;
    await expect(
      scanKeysetPages(orm.em, async () => {
        runs++;
        throw deadlock();
      }),
    ).rejects.toThrow('deadlock detected');
    expect(runs).toBe(5);
  });
});
