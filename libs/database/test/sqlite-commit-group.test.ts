import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseLocation } from '@shequ/testing';
import {
  COMMIT_GROUP_MAX_MS,
  CommitGroup,
  SqliteTransaction,
  executePlain,
  openDatabase,
  transactionTurns,
  type Orm,
} from '../src/index.js';
import { CreateParcels, ParcelSchema } from './fixtures/parcels.js';

/** A second connection to the database file (better-sqlite3, as the ORM's), looking on or writing. */
interface OtherConnection {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options: { readonly?: boolean; timeout?: number },
) => OtherConnection;

/** A table an insert into makes SQLite roll back the whole transaction (as some errors do). */
class CreateDoomed extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "doomed" ("id" varchar(36) not null primary key)');
    this.addSql(
      'create trigger "doomed_rollback" before insert on "doomed" begin select raise(rollback, \'rolled back\'); end',
    );
  }
}

/** What each transaction saw of the transaction events, by the label it inserted. */
interface Seen {
  events: string[];
  group?: CommitGroup;
  /** At its `afterTransactionCommit`: the parcels another connection sees. */
  visibleAtCommit?: string[];
}

describe('grouped commits of SQLite transactions waiting for their turn (CommitGroup)', () => {
  let orm: Orm;
  let location: ReturnType<typeof testDatabaseLocation>;
  let reader: OtherConnection;
  const byManager = new WeakMap<object, Seen>();
  const seen = new Map<string, Seen>();
  const parcels = () =>
    (reader.prepare('select id from parcel order by id').all() as { id: string }[]).map((row) => row.id);

  beforeAll(async () => {
    location = testDatabaseLocation('sqlite', 'sqlite_commit_group');
    // by the transaction's entity manager (labelled once its callback runs, after the start is announced)
    const of = (args: TransactionEventArgs) => {
      let entry = byManager.get(args.em);
      if (!entry) byManager.set(args.em, (entry = { events: [] }));
      return entry;
    };
    const subscriber: EventSubscriber = {
      afterTransactionStart: (args) => void of(args)?.events.push('start'),
      beforeTransactionCommit: (args) => void of(args)?.events.push('before commit'),
      afterTransactionCommit: (args) => {
        const entry = of(args);
        if (!entry) return;
        entry.events.push('commit');
        entry.group = (args.transaction as SqliteTransaction).member?.group;
        entry.visibleAtCommit = parcels();
      },
      afterTransactionRollback: (args) => void of(args)?.events.push('rollback'),
    };
    orm = await openDatabase({
      location,
      entities: [ParcelSchema],
      migrations: {
        sqlite: [
          { name: 'Migration1_parcel', class: CreateParcels },
          { name: 'Migration2_doomed', class: CreateDoomed },
        ],
        postgresql: [],
      },
      subscribers: [subscriber],
    });
    reader = new Database(location.dbName, { readonly: true });
  });

  afterAll(async () => {
    reader?.close();
    await orm?.close(true);
    rmSync(location.dbName, { force: true });
  });

  beforeEach(async () => {
    seen.clear();
    await executePlain(orm.em.fork(), 'delete from parcel_note', []);
    await executePlain(orm.em.fork(), 'delete from parcel', []);
  });

  /** A top-level transaction labelled `label` (the label names its fork in the transaction events). */
  const transaction = (label: string, work: (em: any) => Promise<unknown>, options: Record<string, unknown> = {}) =>
    orm.em.fork().transactional(async (em) => {
      let entry = byManager.get(em);
      if (!entry) byManager.set(em, (entry = { events: [] }));
      seen.set(label, entry);
      await work(em);
    }, options);
  const insert = (id: string) => (em: any) =>
    executePlain(em, 'insert into parcel (id, label) values (?, ?)', [id, id]);

  /**
   * A first transaction that holds its turn until `release()`, so the transactions asked meanwhile wait in line.
   * Grouped (the default), it founds a group of its own; `started` resolves once its work is in (its group open).
   */
  function holdTurn(options: { grouped?: boolean } = {}) {
    let release!: () => void;
    let started!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const begun = new Promise<void>((resolve) => (started = resolve));
    const first = transaction(
      'p00',
      async (em) => {
        await insert('p00')(em);
        started();
        await held;
      },
      options,
    );
    return { first, release, started: begun };
  }

  /**
   * A first transaction holding its turn outside any group, for the tests of what a group's members share: the groups
   * after it stay open for a minute (`groupMaxMs`), so a slow machine does not split them.
   */
  function holdTurnUngrouped() {
    transactionTurns(orm.em.getConnection()).groupMaxMs = 60_000;
    return holdTurn({ grouped: false });
  }

  afterEach(() => void (transactionTurns(orm.em.getConnection()).groupMaxMs = COMMIT_GROUP_MAX_MS));

  /** Waits until `n` transactions wait in line behind the first, once it is at work. */
  const waitingAtLeast = async (n: number, started: Promise<void>) => {
    await started;
    const turns = transactionTurns(orm.em.getConnection());
    for (let i = 0; i < 400 && turns.queued < n; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(turns.queued).toBe(n);
  };

  it('transactions waiting in line share one COMMIT, and none returns or announces its commit before it', async () => {
    const { first, release, started } = holdTurn();
    const labels = Array.from({ length: 20 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
    const returned = new Map<string, string[]>();
    const rest = labels.map((label) =>
      transaction(label, insert(label)).then(() => void returned.set(label, parcels())),
    );
    await waitingAtLeast(20, started);
    // the first holds its turn longer than a group stays open
    await new Promise((resolve) => setTimeout(resolve, COMMIT_GROUP_MAX_MS + 5));
    release();
    await Promise.all([first, ...rest]);

    expect(parcels()).toEqual(['p00', ...labels]);
    const groupOf = (label: string) => seen.get(label)!.group;
    expect([...seen.values()].every((entry) => entry.group !== undefined)).toBe(true);
    // p00 held its turn longer than a group stays open: it committed alone
    expect(labels.some((label) => groupOf(label) === groupOf('p00'))).toBe(false);
    // the 20 that waited shared COMMITs: in line order, each group a run of consecutive members (a group closes after
    // COMMIT_GROUP_MAX_MS, so a slow machine may need more than one, but never one per transaction)
    const runs: string[][] = [];
    for (const label of labels) {
      if (runs.length > 0 && groupOf(runs.at(-1)![0]) === groupOf(label)) runs.at(-1)!.push(label);
      else runs.push([label]);
    }
    expect(new Set(labels.map(groupOf)).size).toBe(runs.length);
    expect(Math.max(...runs.map((run) => run.length))).toBeGreaterThan(1);
    for (const run of runs) {
      // committed with the whole group: even the first member's commit is announced only once the last one is in
      const committed = ['p00', ...labels.slice(0, labels.indexOf(run.at(-1)!) + 1)];
      for (const label of run) {
        expect(seen.get(label)!.events).toEqual(['start', 'before commit', 'commit']);
        expect(seen.get(label)!.visibleAtCommit).toEqual(committed);
        expect(returned.get(label)!.slice(0, committed.length)).toEqual(committed);
      }
    }
  });

  it('a failing member rolls back to its savepoint alone; the group commits the others', async () => {
    const { first, release, started } = holdTurnUngrouped();
    const outcomes = await (async () => {
      const all = [
        transaction('p01', insert('p01')),
        transaction('p02', async (em) => {
          await insert('p02')(em);
          throw new Error('登记失败');
        }),
        // a constraint failure of one statement (the same id twice)
        transaction('p03', async (em) => {
          await insert('p03')(em);
          await insert('p01')(em);
        }),
        transaction('p04', async (em) => {
          await insert('p04')(em);
          // a nested transaction that fails rolls back to its own savepoint inside the member
          await em
            .transactional(async (inner: any) => {
              await insert('p05')(inner);
              throw new Error('nested');
            })
            .catch(() => undefined);
        }),
        transaction('p06', insert('p06')),
      ];
      await waitingAtLeast(5, started);
      release();
      return Promise.allSettled([first, ...all]);
    })();
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/登记失败/);
    expect(String((outcomes[3] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(parcels()).toEqual(['p00', 'p01', 'p04', 'p06']);
    expect(seen.get('p02')!.events).toEqual(['start', 'rollback']);
    expect(seen.get('p03')!.events).toEqual(['start', 'rollback']);
    expect(seen.get('p06')!.group).toBe(seen.get('p01')!.group);
    expect(seen.get('p04')!.group).toBe(seen.get('p01')!.group);
  });

  it('a failing COMMIT fails every member of its group (nothing of them is kept), and the next transaction runs', async () => {
    const { first, release, started } = holdTurnUngrouped();
    const all = [
      transaction('p01', insert('p01')),
      transaction('p02', async (em) => {
        await insert('p02')(em);
        // a deferred foreign key: violated, it fails the COMMIT the group shares
        await executePlain(em, 'insert into parcel_note (id, parcel_id) values (?, ?)', ['n1', 'missing']);
      }),
      transaction('p03', insert('p03')),
    ];
    await waitingAtLeast(3, started);
    release();
    const outcomes = await Promise.allSettled([first, ...all]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes.slice(1))
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(parcels()).toEqual(['p00']);
    for (const label of ['p01', 'p02', 'p03'])
      expect(seen.get(label)!.events).toEqual(['start', 'before commit', 'rollback']);
    await transaction('p04', insert('p04'));
    expect(parcels()).toEqual(['p00', 'p04']);
  });

  it('when SQLite rolls the whole transaction back, the members already in the group fail too', async () => {
    const { first, release, started } = holdTurnUngrouped();
    const all = [
      transaction('p01', insert('p01')),
      transaction('p02', async (em) => {
        await insert('p02')(em);
        await executePlain(em, 'insert into doomed (id) values (?)', ['x']);
      }),
      transaction('p03', insert('p03')),
    ];
    await waitingAtLeast(3, started);
    release();
    const outcomes = await Promise.allSettled([first, ...all]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/rolled the grouped transaction back/);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/rolled back/);
    // p01 was told it failed and its row is gone; p03 ran in a new transaction
    expect(parcels()).toEqual(['p00', 'p03']);
    expect(seen.get('p01')!.events).toEqual(['start', 'before commit', 'rollback']);
    expect(seen.get('p03')!.events).toEqual(['start', 'before commit', 'commit']);
  });

  it('a transaction that cannot join commits the open group first; statements outside transactions wait for it', async () => {
    const { first, release, started } = holdTurnUngrouped();
    let outside: Promise<unknown> | undefined;
    const all = [
      transaction('p01', async (em) => {
        await insert('p01')(em);
        // a statement outside any transaction, asked while the group holds the connection
        outside = executePlain(orm.em.fork(), 'insert into parcel (id, label) values (?, ?)', ['q1', 'q1']);
      }),
      transaction('p02', insert('p02')),
      // MikroORM's own path takes the connection from the pool: the group commits before it
      transaction('p03', insert('p03'), { lean: false }),
      transaction('p04', insert('p04')),
      transaction('p05', insert('p05'), { grouped: false }),
    ];
    await waitingAtLeast(5, started);
    release();
    await Promise.all([first, ...all, outside]);
    await outside;
    expect(parcels()).toEqual(['p00', 'p01', 'p02', 'p03', 'p04', 'p05', 'q1']);
    expect(seen.get('p02')!.group).toBe(seen.get('p01')!.group);
    expect(seen.get('p03')!.group).toBeUndefined();
    expect(seen.get('p05')!.group).toBeUndefined();
    // p01 and p02 were committed before p03 began
    expect(seen.get('p03')!.visibleAtCommit).toEqual(expect.arrayContaining(['p01', 'p02', 'p03']));
  });

  it('a group holds the write lock from its BEGIN: no other writer commits between its members', async () => {
    // another connection writing the same file (as the import's write worker does), failing at once when locked
    const other = new Database(location.dbName, { timeout: 0 });
    try {
      let release!: () => void;
      let begun!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const started = new Promise<void>((resolve) => (begun = resolve));
      // the founder only reads: with a deferred BEGIN it would hold a snapshot and no lock
      const first = transaction('p00', async (em) => {
        await executePlain(em, 'select count(*) as n from parcel', []);
        begun();
        await held;
      });
      const next = transaction('p01', insert('p01'));
      try {
        await waitingAtLeast(1, started);
        expect(() => other.prepare('insert into parcel (id, label) values (?, ?)').run('o1', 'o1')).toThrow(
          /locked|busy/i,
        );
      } finally {
        release();
      }
      await Promise.all([first, next]);
      other.prepare('insert into parcel (id, label) values (?, ?)').run('o1', 'o1');
      expect(parcels()).toEqual(['o1', 'p01']);
    } finally {
      other.close();
    }
  });

  it('transactions in line from callers that never leave the microtask queue let timers and I/O run between groups', async () => {
    const turns = transactionTurns(orm.em.getConnection());
    const turnsBefore = turns.turnsGiven;
    // 16 callers, each awaiting its transactions one after another: every step continues in the microtask queue, and
    // with 16 callers (fewer than a full group) the groups end when the line empties, not when they are full or old
    const labels: string[] = [];
    let timerFiredAfter: number | undefined;
    setTimeout(() => void (timerFiredAfter = labels.length), 0);
    const caller = async (c: number) => {
      for (let i = 0; i < 25; i++) {
        const label = `q${String(c).padStart(2, '0')}-${String(i).padStart(2, '0')}`;
        await transaction(label, async (em) => {
          await insert(label)(em);
          // some work per transaction: 400 of them keep the line busy for at least 40 ms, 20 × LINE_TURN_AFTER_MS
          const until = performance.now() + 0.1;
          while (performance.now() < until);
        });
        labels.push(label);
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, c) => caller(c)));
    // the line gave the event loop turns while transactions still came (at least one per LINE_TURN_AFTER_MS of its
    // 40 ms or more), and the timer ran at one of them, not only once the line was empty
    expect(turns.turnsGiven - turnsBefore).toBeGreaterThanOrEqual(10);
    expect(timerFiredAfter).toBeDefined();
    expect(timerFiredAfter!).toBeLessThan(labels.length);
    expect(parcels()).toHaveLength(400);
    // each caller's transactions in its order
    for (let c = 0; c < 16; c++) {
      const own = labels.filter((label) => label.startsWith(`q${String(c).padStart(2, '0')}-`));
      expect(own).toEqual([...own].sort());
    }
  });

  it('a full commit group ends at a boundary where the line may give the event loop a turn', async () => {
    const turns = transactionTurns(orm.em.getConnection());
    const turnsBefore = turns.turnsGiven;
    // 64 transactions asked at once wait in line from the start: the line never empties, the groups end when full
    // (COMMIT_GROUP_MAX_MEMBERS) or old; between them the line turns the event loop once it has kept it long enough
    let timerFiredAfter: number | undefined;
    const done: string[] = [];
    setTimeout(() => void (timerFiredAfter = done.length), 0);
    const labels = Array.from({ length: 64 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    await Promise.all(
      labels.map((label) =>
        transaction(label, async (em) => {
          await insert(label)(em);
          const until = performance.now() + 0.1;
          while (performance.now() < until);
        }).then(() => void done.push(label)),
      ),
    );
    expect(turns.turnsGiven - turnsBefore).toBeGreaterThanOrEqual(1);
    expect(timerFiredAfter).toBeDefined();
    expect(timerFiredAfter!).toBeLessThan(labels.length);
    expect(parcels()).toEqual(labels);
  });

  it('a lone transaction after a quiet spell starts without waiting for a turn of the event loop', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const turns = transactionTurns(orm.em.getConnection());
    const turnsBefore = turns.turnsGiven;
    for (const label of ['s01', 's02', 's03']) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await transaction(label, insert(label));
    }
    expect(turns.turnsGiven).toBe(turnsBefore);
  });

  it('one transaction at a time is a group of one: BEGIN and COMMIT of its own, nothing waits', async () => {
    for (const label of ['p01', 'p02', 'p03']) {
      await transaction(label, insert(label));
      expect(seen.get(label)!.visibleAtCommit).toContain(label);
    }
    const groups = new Set(['p01', 'p02', 'p03'].map((label) => seen.get(label)!.group));
    expect(groups.size).toBe(3);
    expect(transactionTurns(orm.em.getConnection()).queued).toBe(0);
  });
});
