import { rmSync } from 'node:fs';
import {
  EntitySchema,
  wrap,
  type EntityManager,
  type EventSubscriber,
  type FlushEventArgs,
  type TransactionEventArgs,
} from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import {
  SqliteEntityManager,
  SqliteTransaction,
  executePlain,
  openDatabase,
  runTopLevelTransaction,
  transactionTurns,
  type Orm,
  type SqliteTransactionOptions,
} from '../src/index.js';

class Crate {
  id!: string;
  label!: string;
}
const CrateSchema = new EntitySchema<Crate>({
  class: Crate,
  tableName: 'crate',
  properties: { id: { type: 'string', primary: true }, label: { type: 'string' } },
});

class CreateCrates extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "crate" ("id" varchar(36) not null primary key, "label" varchar(50) not null)');
    // checked at COMMIT: a violating transaction fails in its COMMIT statement
    this.addSql(
      'create table "crate_tag" ("id" varchar(36) not null primary key, "crate_id" varchar(36) not null ' +
        'references "crate" ("id") deferrable initially deferred)',
    );
  }
}

const crate = (id: string, label = id) => Object.assign(new Crate(), { id, label });

/** The transaction and flush events in the order subscribers get them, and the entity managers they name. */
function recorder() {
  const events: string[] = [];
  const managers: EntityManager[] = [];
  const note = (event: string) => (args: TransactionEventArgs | FlushEventArgs) => {
    events.push(event);
    managers.push(args.em);
  };
  const subscriber: EventSubscriber = {
    beforeTransactionStart: note('before start'),
    afterTransactionStart: note('start'),
    beforeFlush: note('before flush'),
    onFlush: note('flush'),
    afterFlush: note('after flush'),
    beforeTransactionCommit: note('before commit'),
    afterTransactionCommit: note('commit'),
    beforeTransactionRollback: note('before rollback'),
    afterTransactionRollback: note('rollback'),
  };
  return {
    events,
    managers,
    subscriber,
    reset() {
      events.length = 0;
      managers.length = 0;
    },
  };
}

async function open(dialect: 'sqlite' | 'postgresql', label: string, subscriber: EventSubscriber) {
  const location = testDatabaseLocation(dialect, label);
  const migration = { name: 'Migration1_crate', class: CreateCrates };
  const orm = await openDatabase({
    location,
    entities: [CrateSchema],
    migrations: { sqlite: [migration], postgresql: [migration] },
    subscribers: [subscriber],
  });
  return { orm, location };
}

const ids = async (orm: Orm) =>
  (await executePlain<{ id: string }>(orm.em.fork(), 'select id from crate order by id', [])).map((row) => row.id);

describe.each(testDialects())('runTopLevelTransaction: a top-level transaction in a fork (%s)', (dialect) => {
  const seen = recorder();
  let orm: Orm;
  let location: ReturnType<typeof testDatabaseLocation>;

  beforeAll(async () => {
    ({ orm, location } = await open(dialect, 'top_level_transaction', seen.subscriber));
  });
  afterAll(async () => {
    await orm?.close(true);
    if (dialect === 'sqlite') rmSync(location.dbName, { force: true });
  });
  beforeEach(() => seen.reset());

  it('commits the unit of work and plain statements together, with the transaction events on the fork', async () => {
    const fork = orm.em.fork();
    const result = await runTopLevelTransaction(fork, async (em) => {
      expect(em).toBe(fork);
      expect(em.isInTransaction()).toBe(true);
      // the transaction context's entity manager: the global one resolves to the fork while the work runs
      expect(orm.em.getContext()).toBe(fork);
      em.persist(crate('a1'));
      await executePlain(em, 'insert into crate (id, label) values (?, ?)', ['a2', 'a2']);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await ids(orm)).toEqual(['a1', 'a2']);
    expect(seen.events).toEqual([
      'before start',
      'start',
      'before flush',
      'flush',
      'after flush',
      'before commit',
      'commit',
    ]);
    expect(new Set(seen.managers)).toEqual(new Set([fork]));
  });

  it('does not flush an empty unit of work', async () => {
    await runTopLevelTransaction(orm.em.fork(), (em) =>
      executePlain(em, 'insert into crate (id, label) values (?, ?)', ['b1', 'b1']),
    );
    expect(seen.events).toEqual(['before start', 'start', 'before commit', 'commit']);
    expect(await ids(orm)).toContain('b1');
  });

  it('rolls back everything on an error, plain statements included, and rethrows it', async () => {
    await expect(
      runTopLevelTransaction(orm.em.fork(), async (em) => {
        em.persist(crate('c1'));
        await em.flush();
        await executePlain(em, 'insert into crate (id, label) values (?, ?)', ['c2', 'c2']);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await ids(orm)).not.toContain('c1');
    expect(await ids(orm)).not.toContain('c2');
    expect(seen.events.slice(-2)).toEqual(['before rollback', 'rollback']);
  });

  it('a nested transactional is a savepoint that commits or rolls back alone', async () => {
    await runTopLevelTransaction(orm.em.fork(), async (em) => {
      await executePlain(em, 'insert into crate (id, label) values (?, ?)', ['d1', 'd1']);
      await expect(
        em.transactional(async (inner) => {
          inner.persist(crate('d2'));
          await inner.flush();
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await em.transactional(async (inner) => {
        inner.persist(crate('d3'));
      });
    });
    expect((await ids(orm)).filter((id) => id.startsWith('d'))).toEqual(['d1', 'd3']);
  });

  it('a failing COMMIT rejects, rolls back and announces the rollback; the next transaction runs', async () => {
    await expect(
      runTopLevelTransaction(orm.em.fork(), async (em) => {
        await executePlain(em, 'insert into crate (id, label) values (?, ?)', ['e1', 'e1']);
        await executePlain(em, 'insert into crate_tag (id, crate_id) values (?, ?)', ['t1', 'missing']);
      }),
    ).rejects.toThrow(/foreign key/i);
    expect(seen.events).toEqual(['before start', 'start', 'before commit', 'before rollback', 'rollback']);
    await runTopLevelTransaction(orm.em.fork(), (em) =>
      executePlain(em, 'insert into crate (id, label) values (?, ?)', ['e2', 'e2']),
    );
    expect((await ids(orm)).filter((id) => id.startsWith('e'))).toEqual(['e2']);
  });
});

/**
 * The outermost `transactional` on SQLite, on the lean path and on MikroORM's (`lean: false`): the same observable
 * behaviour, but for the flush of an empty unit of work, which the lean path skips.
 */
describe.each([true, false])('SqliteEntityManager.transactional, lean: %s', (lean) => {
  const seen = recorder();
  let orm: Orm;
  let location: ReturnType<typeof testDatabaseLocation>;
  const transactional = <T>(em: EntityManager, cb: (em: EntityManager) => Promise<T>, options = {}) =>
    em.transactional(cb, { ...options, lean } as SqliteTransactionOptions);

  beforeAll(async () => {
    ({ orm, location } = await open('sqlite', `lean_transactional_${lean}`, seen.subscriber));
    expect(orm.em).toBeInstanceOf(SqliteEntityManager);
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(location.dbName, { force: true });
  });
  beforeEach(() => seen.reset());

  it('runs the callback in a fork that is the transaction context, then flushes, commits and gives the caller the entities', async () => {
    const caller = orm.em.fork();
    let inside: EntityManager | undefined;
    const created = await transactional(caller, async (em) => {
      inside = em;
      expect(em).not.toBe(caller);
      expect(em.getTransactionContext()).toBeInstanceOf(SqliteTransaction);
      expect(caller.isInTransaction()).toBe(false);
      expect(orm.em.getContext()).toBe(em);
      const made = crate('f1', '一');
      em.persist(made);
      await executePlain(em, 'insert into crate (id, label) values (?, ?)', ['f2', '二']);
      return made;
    });
    expect(await ids(orm)).toEqual(['f1', 'f2']);
    expect(seen.events).toEqual([
      'before start',
      'start',
      'before flush',
      'flush',
      'after flush',
      'before commit',
      'commit',
    ]);
    // the events name the transaction's entity manager, the one the callback got
    expect(new Set(seen.managers)).toEqual(new Set([inside]));
    // the entity created in the unit of work is managed by the caller now: found without a query, loads through it
    expect(caller.getUnitOfWork().getById('Crate', 'f1')).toBe(created);
    expect(wrap(created, true).__em).toBe(caller);
    expect(await caller.findOne(Crate, 'f1')).toBe(created);
    created.label = '一改';
    await caller.flush();
    expect(
      (await executePlain<{ label: string }>(orm.em.fork(), 'select label from crate where id = ?', ['f1']))[0],
    ).toEqual({ label: '一改' });
  });

  it('rolls back everything on an error (plain statements included), rethrows it and leaves the caller empty', async () => {
    const caller = orm.em.fork();
    await expect(
      transactional(caller, async (em) => {
        em.persist(crate('g1'));
        await em.flush();
        await executePlain(em, 'insert into crate (id, label) values (?, ?)', ['g2', 'g2']);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect((await ids(orm)).filter((id) => id.startsWith('g'))).toEqual([]);
    expect(seen.events.slice(-3)).toEqual(['after flush', 'before rollback', 'rollback']);
    expect(caller.getUnitOfWork().getIdentityMap().keys()).toEqual([]);
  });

  it('nested transactionals are savepoints that commit or roll back alone', async () => {
    await transactional(orm.em.fork(), async (em) => {
      em.persist(crate('h1'));
      await em.flush();
      await expect(
        em.transactional(async (inner) => {
          expect(inner.getTransactionContext<SqliteTransaction>()!.parent).toBe(em.getTransactionContext());
          inner.persist(crate('h2'));
          await inner.flush();
          await executePlain(inner, 'insert into crate (id, label) values (?, ?)', ['h3', 'h3']);
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await em.transactional(async (inner) => {
        inner.persist(crate('h4'));
      });
    });
    expect((await ids(orm)).filter((id) => id.startsWith('h'))).toEqual(['h1', 'h4']);
  });

  it('a failing COMMIT rejects and rolls back; the turn passes on', async () => {
    await expect(
      transactional(orm.em.fork(), async (em) => {
        em.persist(crate('i1'));
        await executePlain(em, 'insert into crate_tag (id, crate_id) values (?, ?)', ['t1', 'missing']);
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(seen.events.slice(-3)).toEqual(['before commit', 'before rollback', 'rollback']);
    expect(transactionTurns(orm.em.getConnection()).queued).toBe(0);
    await transactional(orm.em.fork(), async (em) => {
      em.persist(crate('i2'));
    });
    expect((await ids(orm)).filter((id) => id.startsWith('i'))).toEqual(['i2']);
  });

  it('a caller that holds entities lends them to the transaction, and a deletion there leaves the caller too', async () => {
    await transactional(orm.em.fork(), async (em) => {
      em.persist([crate('j1'), crate('j2')]);
    });
    const caller = orm.em.fork();
    const [j1, j2] = await Promise.all([caller.findOneOrFail(Crate, 'j1'), caller.findOneOrFail(Crate, 'j2')]);
    await transactional(caller, async (em) => {
      expect(em.getUnitOfWork().getById('Crate', 'j1')).toBe(j1);
      em.remove(j2);
      j1.label = 'j1 改';
    });
    expect(caller.getUnitOfWork().getById('Crate', 'j2')).toBeUndefined();
    expect(caller.getUnitOfWork().getById('Crate', 'j1')).toBe(j1);
    expect((await ids(orm)).filter((id) => id.startsWith('j'))).toEqual(['j1']);
    expect(
      (await executePlain<{ label: string }>(orm.em.fork(), 'select label from crate where id = ?', ['j1']))[0],
    ).toEqual({ label: 'j1 改' });
  });

  it('on the global entity manager: a transaction of its own, whose entities stay out of the global context', async () => {
    await transactional(orm.em, async (em) => {
      expect(em).not.toBe(orm.em);
      em.persist(crate('k1'));
    });
    expect(orm.em.getUnitOfWork(false).getIdentityMap().keys()).toEqual([]);
    expect((await ids(orm)).filter((id) => id.startsWith('k'))).toEqual(['k1']);
  });

  it('concurrent outermost transactions take turns and keep their entities apart', async () => {
    const callers = Array.from({ length: 8 }, () => orm.em.fork());
    const made = await Promise.all(
      callers.map((caller, i) =>
        transactional(caller, async (em) => {
          const entity = crate(`m${i}`);
          em.persist(entity);
          await em.flush();
          expect(await em.count(Crate, { id: { $like: 'm%' } })).toBe(i + 1);
          return entity;
        }),
      ),
    );
    callers.forEach((caller, i) => expect(caller.getUnitOfWork().getIdentityMap().values()).toEqual([made[i]]));
  });
});
