import { rmSync } from 'node:fs';
import { type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation } from '@shequ/testing';
import {
  SQLITE_WRITER_CACHE_SIZE,
  SqliteTransaction,
  TransactionQueueFullError,
  TransactionTurns,
  executePlain,
  openDatabase,
  transactionTurns,
  type Orm,
} from '../src/index.js';
import { CreateParcels, ParcelSchema, Parcel } from './fixtures/parcels.js';

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

  it('an outermost transaction waits for its turn before MikroORM builds it, and the turns keep the order asked', async () => {
    // MikroORM forks the EntityManager and announces `beforeTransactionStart` before it asks knex's pool for the
    // connection: a transaction waiting in the pool held its fork all that time (SqliteEntityManager)
    let built = 0;
    orm.em.getEventManager().registerSubscriber({ beforeTransactionStart: () => void (built += 1) });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: number[] = [];
    const first = orm.em.fork().transactional(async (em) => {
      order.push(0);
      // a nested transaction runs on the held connection: it does not wait for a turn
      await em.transactional(async (inner) => {
        await executePlain(inner, 'select 1 as one', []);
      });
      await held;
    });
    const rest = Array.from({ length: 20 }, (_, i) =>
      orm.em.fork().transactional(async (em) => {
        order.push(i + 1);
        await executePlain(em, 'select 1 as one', []);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(built).toBe(1);
    expect(transactionTurns(orm.em.getConnection()).queued).toBe(20);
    release();
    await Promise.all([first, ...rest]);
    expect(order).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(transactionTurns(orm.em.getConnection()).queued).toBe(0);
    // a failed transaction passes its turn on
    await expect(
      orm.em.fork().transactional(async () => {
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    await orm.em.fork().transactional((em) => executePlain(em, 'select 1 as one', []));
  });

  it('keeps the ORM connection’s page cache at SQLite’s 2 MB, not better-sqlite3’s 16 MB, and spills at 16 MB', async () => {
    expect(SQLITE_WRITER_CACHE_SIZE).toBe(-2000);
    const rows = await orm.em.getConnection().execute<{ cache_size: number }[]>('pragma cache_size', [], 'all');
    expect(rows[0].cache_size).toBe(SQLITE_WRITER_CACHE_SIZE);
    // a transaction still keeps up to ~16 MB of changed pages before writing any to the WAL (in pages of 4 KiB)
    const spill = await orm.em.getConnection().execute<{ cache_spill: number }[]>('pragma cache_spill', [], 'all');
    expect(spill[0].cache_spill).toBeGreaterThan(3_500);
  });

  it('a caller that waits longer than the timeout for its turn fails, as a wait for the pool’s connection did', async () => {
    const turns = new TransactionTurns(30);
    expect(turns.take()).toBeUndefined();
    const late = turns.take();
    await expect(late).rejects.toThrow(/Timeout waiting 30 ms/);
    expect(turns.queued).toBe(0);
    // the turn still held is passed on to the next caller
    const next = turns.take();
    turns.pass();
    await expect(next).resolves.toBeUndefined();
    turns.pass();
    expect(turns.take()).toBeUndefined();
  });

  it('refuses at once, with a Chinese message, a transaction beyond the queue’s limit; the queued ones still run', async () => {
    const turns = transactionTurns(orm.em.getConnection());
    const limit = turns.maxQueued;
    turns.maxQueued = 3;
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = orm.em.fork().transactional(() => held);
      const queued = Array.from({ length: 3 }, () =>
        orm.em.fork().transactional((em) => executePlain(em, 'select 1 as one', [])),
      );
      expect(turns.queued).toBe(3);
      const refused = orm.em.fork().transactional((em) => executePlain(em, 'select 1 as one', []));
      await expect(refused).rejects.toBeInstanceOf(TransactionQueueFullError);
      await expect(refused).rejects.toThrow(/^服务繁忙：等待写入的事务已达上限（3 个）/);
      expect(turns.queued).toBe(3);
      release();
      await Promise.all([first, ...queued]);
      // the queue has room again
      await orm.em.fork().transactional((em) => executePlain(em, 'select 1 as one', []));
    } finally {
      turns.maxQueued = limit;
    }
  });
});
