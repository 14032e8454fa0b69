import { rmSync } from 'node:fs';
import { EntitySchema, type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation } from '@shequ/testing';
import { SqliteTransaction, executePlain, openDatabase, type Orm } from '../src/index.js';

class Parcel {
  id!: string;
  label!: string;
}
const ParcelSchema = new EntitySchema<Parcel>({
  class: Parcel,
  tableName: 'parcel',
  properties: { id: { type: 'string', primary: true }, label: { type: 'string' } },
});

class CreateParcels extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "parcel" ("id" varchar(36) not null primary key, "label" varchar(50) not null)');
    // checked at COMMIT: a violating transaction fails in its COMMIT statement
    this.addSql(
      'create table "parcel_note" ("id" varchar(36) not null primary key, "parcel_id" varchar(36) not null ' +
        'references "parcel" ("id") deferrable initially deferred)',
    );
  }
}

const count = async (orm: Orm) =>
  Number((await executePlain<{ n: number }>(orm.em.fork(), 'select count(*) as n from parcel', []))[0].n);

describe('SQLite transactions without knex transaction objects (SqliteConnection)', () => {
  let orm: Orm;
  let location: ReturnType<typeof testDatabaseLocation>;
  const events: string[] = [];

  beforeAll(async () => {
    location = testDatabaseLocation('sqlite', 'sqlite_transactions');
    const subscriber: EventSubscriber = {
      afterTransactionStart: () => void events.push('start'),
      beforeTransactionCommit: () => void events.push('before commit'),
      afterTransactionCommit: (args: TransactionEventArgs) =>
        void events.push(args.transaction instanceof SqliteTransaction ? 'commit' : 'commit (other)'),
      afterTransactionRollback: () => void events.push('rollback'),
    };
    orm = await openDatabase({
      location,
      entities: [ParcelSchema],
      migrations: { sqlite: [{ name: 'Migration1_parcel', class: CreateParcels }], postgresql: [] },
      subscribers: [subscriber],
    });
  });

  afterAll(async () => {
    await orm?.close(true);
    rmSync(location.dbName, { force: true });
  });

  it('commits the ORM’s changes and plain statements together, with the transaction events', async () => {
    events.length = 0;
    await orm.em.fork().transactional(async (em) => {
      // MikroORM's own queries and executePlain run on the connection the transaction holds
      expect(em.getTransactionContext()).toBeInstanceOf(SqliteTransaction);
      em.persist(Object.assign(new Parcel(), { id: 'p1', label: '一号' }));
      await em.flush();
      await executePlain(em, 'insert into parcel (id, label) values (?, ?)', ['p2', '二号']);
      expect(await em.count(Parcel, {})).toBe(2);
    });
    expect(await count(orm)).toBe(2);
    expect(events).toEqual(['start', 'before commit', 'commit']);
  });

  it('rolls back on a thrown error, and a nested transaction rolls back to its savepoint alone', async () => {
    events.length = 0;
    await expect(
      orm.em.fork().transactional(async (em) => {
        await executePlain(em, 'insert into parcel (id, label) values (?, ?)', ['p3', '三号']);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(events).toEqual(['start', 'rollback']);
    await orm.em.fork().transactional(async (em) => {
      await executePlain(em, 'insert into parcel (id, label) values (?, ?)', ['p4', '四号']);
      await expect(
        em.transactional(async (inner) => {
          expect(inner.getTransactionContext<SqliteTransaction>()!.parent).toBeDefined();
          await executePlain(inner, 'insert into parcel (id, label) values (?, ?)', ['p5', '五号']);
          await inner.nativeDelete(Parcel, { id: 'p4' });
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      // the savepoint undid p5 and the delete of p4; the outer transaction goes on
      await em.transactional(async (inner) => {
        await executePlain(inner, 'insert into parcel (id, label) values (?, ?)', ['p6', '六号']);
      });
    });
    const ids = await executePlain<{ id: string }>(orm.em.fork(), 'select id from parcel order by id', []);
    expect(ids.map((row) => row.id)).toEqual(['p1', 'p2', 'p4', 'p6']);
  });

  it('holds the one connection: a statement outside the transaction runs after it ends, never inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let outsideDone = false;
    let outside: Promise<unknown> | undefined;
    const transaction = orm.em.fork().transactional(async (em) => {
      await executePlain(em, 'insert into parcel (id, label) values (?, ?)', ['p7', '七号']);
      // a write through the ORM's pool (not the transaction): it must wait for the connection
      outside = orm.em
        .fork()
        .getConnection()
        .execute("insert into parcel (id, label) values ('p8', '八号')", [], 'run')
        .then(() => (outsideDone = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(outsideDone).toBe(false);
      await held;
      throw new Error('undo p7');
    });
    release();
    await expect(transaction).rejects.toThrow('undo p7');
    await outside;
    const ids = await executePlain<{ id: string }>(orm.em.fork(), 'select id from parcel where id in (?, ?)', [
      'p7',
      'p8',
    ]);
    // p7 rolled back with its transaction; p8, written after it, stays
    expect(ids.map((row) => row.id)).toEqual(['p8']);
  });

  it('a failing COMMIT rolls back and frees the connection; the ended transaction refuses statements', async () => {
    events.length = 0;
    let ended: SqliteTransaction | undefined;
    await expect(
      orm.em.fork().transactional(async (em) => {
        ended = em.getTransactionContext<SqliteTransaction>();
        await executePlain(em, 'insert into parcel (id, label) values (?, ?)', ['p9', '九号']);
        await executePlain(em, 'insert into parcel_note (id, parcel_id) values (?, ?)', ['n1', 'missing']);
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(events).toEqual(['start', 'before commit', 'rollback']);
    expect(ended?.isCompleted()).toBe(true);
    const stale = orm.em.fork();
    stale.setTransactionContext(ended);
    await expect(executePlain(stale, 'select 1 as one', [])).rejects.toThrow(/already complete/);
    await expect(stale.getConnection().execute('select 1 as one', [], 'all', ended as never)).rejects.toThrow(
      /already complete/,
    );
    // nothing of it stayed, and the next transaction gets the connection
    await orm.em.fork().transactional(async (em) => {
      await executePlain(em, 'insert into parcel (id, label) values (?, ?)', ['p10', '十号']);
    });
    const ids = await executePlain<{ id: string }>(orm.em.fork(), 'select id from parcel where id in (?, ?)', [
      'p9',
      'p10',
    ]);
    expect(ids.map((row) => row.id)).toEqual(['p10']);
  });
});
