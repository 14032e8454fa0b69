import { BetterSqliteConnection, BetterSqlitePlatform } from '@mikro-orm/better-sqlite';
import { AbstractSqlDriver, SqlEntityManager, type Knex } from '@mikro-orm/knex';
import {
  EventType,
  TransactionManager,
  TransactionPropagation,
  type Configuration,
  type EntityManager,
  type IsolationLevel,
  type LogContext,
  type TransactionEventBroadcaster,
  type TransactionEventType,
  type TransactionOptions as OrmTransactionOptions,
} from '@mikro-orm/core';

import { COMMIT_GROUP_MAX_MS, CommitGroup, GROUP_MEMBER_SAVEPOINT, type GroupTurn } from './sqlite-commit-group.js';
import { runOn, sqliteBindings, valuesOn, type SqliteHandle } from './sqlite-statements.js';
import { runTopLevelTransaction } from './top-level-transaction.js';

/** The part of a better-sqlite3 connection a transaction uses. */
interface SqliteDatabase extends SqliteHandle {
  readonly inTransaction: boolean;
}

/** The part of knex's client a transaction uses: its pool (of one connection on SQLite) and its query runner. */
interface PoolClient {
  acquireConnection(): Promise<SqliteDatabase>;
  releaseConnection(connection: SqliteDatabase): Promise<unknown>;
  query(connection: SqliteDatabase, query: unknown): Promise<unknown>;
}

/** A transaction's client as knex's query builders see it after `.transacting(trx)`. */
interface TransactionClient extends PoolClient {
  transacting: true;
  sqliteTransaction: SqliteTransaction;
}

const completedError = () =>
  new Error('Transaction query already complete: the transaction has committed or rolled back');

/**
 * Per knex client, the prototype of the clients of its transactions: the client itself (configuration, driver,
 * bindings, the query runner) with the transaction's connection in place of the pool, as knex's own transaction
 * client (`makeTxClient`) has it.
 */
const transactionClients = new WeakMap<object, object>();

function transactionClientOf(base: PoolClient): object {
  let prototype = transactionClients.get(base);
  if (!prototype) {
    prototype = Object.create(base) as object;
    Object.assign(prototype, {
      transacting: true,
      acquireConnection(this: TransactionClient) {
        return Promise.resolve(this.sqliteTransaction.connection);
      },
      releaseConnection() {
        return Promise.resolve();
      },
      query(this: TransactionClient, connection: SqliteDatabase, query: unknown) {
        const transaction = this.sqliteTransaction;
        if (connection !== transaction.connection)
          return Promise.reject(new Error('Invalid connection for transaction query.'));
        if (transaction.isCompleted()) return Promise.reject(completedError());
        return base.query.call(this, connection, query);
      },
    });
    transactionClients.set(base, prototype);
  }
  return prototype;
}

/** BEGIN, COMMIT and ROLLBACK prepared once per connection (knex prepares them anew for every transaction). */
const controlStatements = new WeakMap<SqliteDatabase, Map<string, { run(bindings: unknown[]): unknown }>>();

function control(connection: SqliteDatabase, sql: string): void {
  let statements = controlStatements.get(connection);
  if (!statements)
    controlStatements.set(connection, (statements = new Map<string, { run(bindings: unknown[]): unknown }>()));
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    // savepoint names are few (trx1, trx2, … by depth), but never let the map grow without bound
    if (statements.size > 50) statements.clear();
    statements.set(sql, statement);
  }
  statement.run([]);
}

/**
 * A transaction on the SQLite connection, without knex's transaction machinery. knex builds a whole knex instance,
 * an event emitter, a client copy with four listeners and a chain of promises for every transaction, and prepares
 * `BEGIN;` and `COMMIT;` anew each time: in the events benchmark that was a quarter of the producing service's CPU
 * per committed event and a fifth of its allocations. This object stands where MikroORM and knex expect a knex
 * transaction (`em.getTransactionContext()`): `client` is a transaction client for `.transacting(trx)` (query
 * builders and `connection.execute(…, trx)` run on the held connection, and fail once it has ended), `isCompleted()`,
 * and `connection` for statements sent to the driver directly (`executePlain`). The connection is taken from knex's
 * pool (one connection on SQLite) for the whole transaction, as knex does, so nothing else runs inside it.
 */
export class SqliteTransaction {
  readonly isTransaction = true;
  readonly client: TransactionClient;
  private completed = false;
  /** COMMIT failed: the transaction was rolled back, and the caller's rollback still announces it. */
  commitFailed = false;
  /**
   * Set for an outermost transaction in a commit group (`CommitGroup`): the group, the caller's turn, and whether it
   * runs under the member savepoint (every member but the group's founder, which ran BEGIN).
   */
  member?: { group: CommitGroup<SqliteDatabase>; turn: GroupTurn; savepoint: boolean };

  constructor(
    readonly connection: SqliteDatabase,
    base: PoolClient,
    readonly parent?: SqliteTransaction,
    /** Set for a nested transaction (a savepoint). */
    readonly savepointName?: string,
  ) {
    this.client = Object.create(transactionClientOf(base)) as TransactionClient;
    this.client.sqliteTransaction = this;
  }

  /**
   * Runs one statement in the transaction now and returns its rows (better-sqlite3 answers synchronously; values
   * bound as knex binds them): what `executePlain` does inside a SQLite transaction, for callers that cannot wait.
   */
  query<R>(sql: string, params: readonly unknown[]): R[] {
    if (this.isCompleted()) throw new Error(`Transaction query already complete: ${sql}`);
    return runOn<R>(this.connection, sql, sqliteBindings(params));
  }

  /** `query` with each row as an array of its values (`valuesOn`): for a statement that returns rows. */
  queryValues(sql: string, params: readonly unknown[]): unknown[][] {
    if (this.isCompleted()) throw new Error(`Transaction query already complete: ${sql}`);
    return valuesOn(this.connection, sql, sqliteBindings(params));
  }

  isCompleted(): boolean {
    return this.completed || (this.parent?.isCompleted() ?? false);
  }

  /** Marks the transaction ended; statements through it fail from now on. */
  complete(): void {
    this.completed = true;
  }

  /** The nesting depth: 0 for the outermost transaction. */
  get depth(): number {
    return this.parent ? this.parent.depth + 1 : 0;
  }
}

/** True when `ctx` is one of the transactions below (the direct statement paths use its connection). */
export function isSqliteTransaction(ctx: unknown): ctx is SqliteTransaction {
  return ctx instanceof SqliteTransaction;
}

/**
 * Dispatches a transaction event, unless no subscriber listens to it: a dispatch without listeners still builds its
 * arguments, a list of listeners and an async run over it (MikroORM's `EventManager`), four per transaction, most of
 * them for nobody (nothing listens to the start of a transaction). Falls back to dispatching when the event manager
 * does not show its listeners.
 */
async function announce(
  broadcaster: TransactionEventBroadcaster | undefined,
  event: TransactionEventType,
  ctx?: Knex.Transaction,
): Promise<void> {
  if (!broadcaster) return;
  const listeners = (broadcaster as unknown as { eventManager?: { listeners?: Partial<Record<string, Set<unknown>>> } })
    .eventManager?.listeners;
  if (listeners && !listeners[event]?.size) return;
  await broadcaster.dispatchEvent(event, ctx);
}

interface TransactionOptions {
  /** SQLite: the caller's turn, to found or join a commit group (`SqliteEntityManager`, `runTopLevelTransaction`). */
  commitGroup?: GroupTurn;
  isolationLevel?: IsolationLevel;
  readOnly?: boolean;
  ctx?: Knex.Transaction;
  eventBroadcaster?: TransactionEventBroadcaster;
  loggerContext?: LogContext;
}

/**
 * MikroORM's better-sqlite3 connection with transactions of its own (`SqliteTransaction`): BEGIN / SAVEPOINT,
 * COMMIT / RELEASE and ROLLBACK run as prepared statements on the pooled connection, and MikroORM's transaction
 * events fire as before (before/after start, commit and rollback). Queries, the pool and everything outside a
 * transaction stay knex's.
 */
export class SqliteConnection extends BetterSqliteConnection {
  override async begin(options: TransactionOptions = {}): Promise<Knex.Transaction> {
    const parent = options.ctx as unknown;
    if (parent !== undefined && !isSqliteTransaction(parent)) return super.begin(options);
    if (parent === undefined) {
      await announce(options.eventBroadcaster, EventType.beforeTransactionStart);
      const client = this.getKnex().client as unknown as PoolClient;
      const turn = options.commitGroup;
      const open = turn?.turns.group as CommitGroup<SqliteDatabase> | undefined;
      let trx: SqliteTransaction;
      if (turn && open && !open.isEnded && open.connection.inTransaction) {
        // the group's transaction is open on the connection: this one runs inside it, under its own savepoint
        control(open.connection, `SAVEPOINT ${GROUP_MEMBER_SAVEPOINT}`);
        trx = new SqliteTransaction(open.connection, client);
        trx.member = { group: open, turn, savepoint: true };
      } else {
        if (turn && open) {
          // ended, or rolled back by SQLite itself: settled (its members fail if nothing was committed)
          turn.turns.group = undefined;
          open.commit();
        }
        const connection = await client.acquireConnection();
        try {
          // a group takes the write lock at once: its snapshot must not go stale between members (another
          // connection — the import's write worker — committing in between would fail a later member's first write)
          control(connection, turn ? 'BEGIN IMMEDIATE' : 'BEGIN');
        } catch (error) {
          await client.releaseConnection(connection);
          throw error;
        }
        trx = new SqliteTransaction(connection, client);
        if (turn) {
          const group = new CommitGroup(
            connection,
            (sql) => control(connection, sql),
            () => void client.releaseConnection(connection),
            turn.turns.groupMaxMs,
          );
          turn.turns.group = group;
          trx.member = { group, turn, savepoint: false };
        }
      }
      this.log('begin', options.loggerContext);
      const ctx = trx as unknown as Knex.Transaction;
      await announce(options.eventBroadcaster, EventType.afterTransactionStart, ctx);
      return ctx;
    }
    if (parent.isCompleted()) throw completedError();
    const savepointName = `trx${parent.depth + 1}`;
    control(parent.connection, `SAVEPOINT ${savepointName}`);
    this.log(this.platform.getSavepointSQL(savepointName), options.loggerContext);
    const base = Object.getPrototypeOf(Object.getPrototypeOf(parent.client)) as PoolClient;
    return new SqliteTransaction(parent.connection, base, parent, savepointName) as unknown as Knex.Transaction;
  }

  override async commit(
    ctx: Knex.Transaction,
    eventBroadcaster?: TransactionEventBroadcaster,
    loggerContext?: LogContext,
  ): Promise<void> {
    const trx = ctx as unknown;
    if (!isSqliteTransaction(trx)) return super.commit(ctx, eventBroadcaster, loggerContext);
    if (trx.isCompleted()) throw completedError();
    if (trx.parent) {
      control(trx.connection, `RELEASE ${trx.savepointName}`);
      trx.complete();
      this.log(this.platform.getReleaseSavepointSQL(trx.savepointName!), loggerContext);
      return;
    }
    if (trx.member) return this.commitMember(trx, trx.member, eventBroadcaster, loggerContext);
    await announce(eventBroadcaster, EventType.beforeTransactionCommit, ctx);
    try {
      control(trx.connection, 'COMMIT');
    } catch (error) {
      // as with knex, a failed COMMIT ends the transaction: rolled back, the connection back in the pool; the
      // caller's rollback (MikroORM's `transactional` calls it) only announces it
      trx.commitFailed = true;
      await this.end(trx, true);
      throw error;
    }
    await this.end(trx, false);
    this.log('commit', loggerContext);
    await announce(eventBroadcaster, EventType.afterTransactionCommit, ctx);
  }

  override async rollback(
    ctx: Knex.Transaction,
    eventBroadcaster?: TransactionEventBroadcaster,
    loggerContext?: LogContext,
  ): Promise<void> {
    const trx = ctx as unknown;
    if (!isSqliteTransaction(trx)) return super.rollback(ctx, eventBroadcaster, loggerContext);
    if (trx.parent) {
      if (!trx.isCompleted() && trx.connection.inTransaction) {
        control(trx.connection, `ROLLBACK TO ${trx.savepointName}`);
        control(trx.connection, `RELEASE ${trx.savepointName}`);
      }
      trx.complete();
      this.log(this.platform.getRollbackToSavepointSQL(trx.savepointName!), loggerContext);
      return;
    }
    if (trx.isCompleted() && !trx.commitFailed) return;
    await announce(eventBroadcaster, EventType.beforeTransactionRollback, ctx);
    if (!trx.isCompleted()) {
      if (trx.member) this.rollbackMember(trx, trx.member);
      else await this.end(trx, true);
    }
    this.log('rollback', loggerContext);
    await announce(eventBroadcaster, EventType.afterTransactionRollback, ctx);
  }

  /**
   * Commits a transaction of a commit group: its savepoint released (its work now part of the group's transaction),
   * then the turn passes to the next waiting transaction while the group may take more (it joins the group), or the
   * group commits. Returns once the group has committed — never before the work is durable — and fails, as a failed
   * COMMIT does, when the group's COMMIT fails.
   */
  private async commitMember(
    trx: SqliteTransaction,
    member: NonNullable<SqliteTransaction['member']>,
    eventBroadcaster?: TransactionEventBroadcaster,
    loggerContext?: LogContext,
  ): Promise<void> {
    const ctx = trx as unknown as Knex.Transaction;
    await announce(eventBroadcaster, EventType.beforeTransactionCommit, ctx);
    const { group, turn } = member;
    if (member.savepoint) control(trx.connection, `RELEASE ${GROUP_MEMBER_SAVEPOINT}`);
    trx.complete();
    const committed = group.enter();
    if (group.accepting && turn.turns.queued > 0) turn.yieldTurn();
    else {
      if (turn.turns.group === group) turn.turns.group = undefined;
      group.commit();
    }
    try {
      await committed;
    } catch (error) {
      trx.commitFailed = true;
      throw error;
    }
    this.log('commit', loggerContext);
    await announce(eventBroadcaster, EventType.afterTransactionCommit, ctx);
  }

  /**
   * Rolls back a transaction of a commit group that has not committed: a member back to its savepoint (the group's
   * earlier members keep their work), the founder (alone in the group: nothing joins before its commit) with the
   * whole transaction. When SQLite has already rolled the group's transaction back (some errors end it), the group
   * ends and its earlier members fail.
   */
  private rollbackMember(trx: SqliteTransaction, member: NonNullable<SqliteTransaction['member']>): void {
    const { group, turn } = member;
    try {
      if (member.savepoint && trx.connection.inTransaction) {
        control(trx.connection, `ROLLBACK TO ${GROUP_MEMBER_SAVEPOINT}`);
        control(trx.connection, `RELEASE ${GROUP_MEMBER_SAVEPOINT}`);
        return;
      }
      if (turn.turns.group === group) turn.turns.group = undefined;
      if (member.savepoint) group.commit();
      else group.rollback(new Error('The commit group’s first transaction was rolled back'));
    } finally {
      trx.complete();
    }
  }

  /** Ends an outermost transaction (rolled back if asked and still open) and gives its connection back. */
  private async end(trx: SqliteTransaction, rollback: boolean): Promise<void> {
    try {
      // SQLite may have rolled back already (some errors end the transaction): then there is nothing to undo
      if (rollback && trx.connection.inTransaction) control(trx.connection, 'ROLLBACK');
    } finally {
      trx.complete();
      await (this.getKnex().client as unknown as PoolClient).releaseConnection(trx.connection);
    }
  }

  private log(query: string, context?: LogContext): void {
    if (this.logger.isEnabled('query', context)) this.logQuery(query, context);
  }
}

/**
 * MikroORM's better-sqlite3 driver on `SqliteConnection` (the `driver` of a SQLite database in `ormConfig`).
 */
export class SqliteDriver extends AbstractSqlDriver<SqliteConnection, BetterSqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new BetterSqlitePlatform(), SqliteConnection, ['knex', 'better-sqlite3']);
  }
}

/**
 * How long an outermost transaction waits for its turn before it fails: knex's `acquireConnectionTimeout` (its
 * default), which bounded the wait for the pool's connection before (a transaction that waits for another
 * top-level transaction on the same connection fails instead of hanging).
 */
export const TRANSACTION_TURN_TIMEOUT_MS = 60_000;

/**
 * How long transactions in line may keep the event loop (one after another in the microtask queue, without a turn
 * of it) before the next one starts after a turn (ms).
 */
export const LINE_TURN_AFTER_MS = 2;

/**
 * How many outermost transactions may wait for their turn on one SQLite connection by default
 * (`SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT`); one more is refused at once (`TransactionQueueFullError`).
 */
export const DEFAULT_TRANSACTION_QUEUE_LIMIT = 2000;

/**
 * A transaction refused because `maxQueued` transactions already wait for the connection: when writers come faster
 * than SQLite commits for long, the queue (and the callers' memory) would otherwise grow without bound, and each
 * would wait up to the turn timeout anyway. Nothing was written; the caller may retry shortly.
 */
export class TransactionQueueFullError extends Error {
  constructor(readonly limit: number) {
    super(`服务繁忙：等待写入的事务已达上限（${limit} 个），本次未写入任何数据，请稍后重试`);
    this.name = 'TransactionQueueFullError';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  deadline: number;
}

/**
 * The turns of the outermost transactions of one SQLite connection, in the order they asked: one at a time, as SQLite
 * has one connection (knex's pool of one) and one writer. One timer for the whole queue (armed for the longest
 * waiting), none per waiter.
 */
export class TransactionTurns {
  /** The commit group open on the connection (`CommitGroup`), joined by the turns' transactions that can. */
  group: CommitGroup | undefined;
  /** No transaction joins a commit group opened this long ago (ms). */
  groupMaxMs = COMMIT_GROUP_MAX_MS;
  /** At most this many transactions wait for their turn; one more fails at once (`TransactionQueueFullError`). */
  maxQueued = DEFAULT_TRANSACTION_QUEUE_LIMIT;
  private busy = false;
  private waiting: (Waiter | undefined)[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly timeoutMs: number) {}

  /**
   * Undefined when it is the caller's turn at once, else a promise resolved when it is (or rejected after the timeout).
   * Throws `TransactionQueueFullError` when `maxQueued` callers wait already.
   */
  take(): Promise<void> | undefined {
    if (!this.busy) {
      this.busy = true;
      // no commit group is open (the line was empty): a boundary between groups
      if (!this.turnDue()) return undefined;
      return new Promise((resolve) => this.afterATurn(resolve));
    }
    if (this.queued >= this.maxQueued) throw new TransactionQueueFullError(this.maxQueued);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject, deadline: performance.now() + this.timeoutMs });
      if (!this.timer) this.arm();
    });
  }

  /**
   * Ends the current turn: the longest waiting caller runs next (and joins the open commit group, or commits it
   * first). With nobody waiting, an open commit group commits now.
   */
  pass(): void {
    const next = this.shift();
    if (!next) {
      this.busy = false;
      this.closeGroup();
      return;
    }
    // Between two commit groups (none open: the last one committed because it was full or old enough) the next
    // caller may have to wait for a turn of the event loop (`turnDue`); inside an open group it never does (the
    // group's first members wait for its COMMIT). The turn stays taken meanwhile: nobody overtakes the next caller.
    if (!this.group && this.turnDue()) this.afterATurn(next.resolve);
    else next.resolve();
  }

  /**
   * Since when the line has kept the event loop: set by the first transaction after a turn of the loop, cleared when
   * the loop turns (`watchLoop`'s marker, or a turn the line gave).
   */
  private holdingSince: number | undefined;
  private markerArmed = false;

  /**
   * Whether the next transaction starts after a turn of the event loop: the line has kept the loop for
   * `LINE_TURN_AFTER_MS` without one. Transactions awaited one after another (units of work in a loop, a backlog, the
   * events benchmark's producers) run in the microtask queue, as better-sqlite3 answers synchronously: without a turn
   * every timer and all I/O wait until the line is empty — the outbox relay's publishing and acknowledgements, HTTP
   * requests, NATS. Checked at the boundaries between commit groups, which certainly come: the line empties, or a
   * group commits when full (`COMMIT_GROUP_MAX_MEMBERS`) or old (`groupMaxMs`). A lone transaction after a quiet
   * spell never waits.
   */
  private turnDue(): boolean {
    const now = performance.now();
    if (this.holdingSince === undefined) {
      this.holdingSince = now;
      this.watchLoop();
      return false;
    }
    return now - this.holdingSince >= LINE_TURN_AFTER_MS;
  }

  /** A marker that clears `holdingSince` once the event loop turns (at most one armed at a time). */
  private watchLoop(): void {
    if (this.markerArmed) return;
    this.markerArmed = true;
    setImmediate(() => {
      this.markerArmed = false;
      this.holdingSince = undefined;
    });
  }

  /** Runs `resume` after a turn of the event loop (timers, I/O and other immediates first). */
  private afterATurn(resume: () => void): void {
    this.turnsGiven += 1;
    setImmediate(() => {
      this.holdingSince = undefined;
      resume();
    });
  }

  /** Turns of the event loop the line gave (`turnDue`), for tests and measurements. */
  turnsGiven = 0;

  /** Commits the open commit group, if any (before a transaction that cannot join it takes the connection). */
  closeGroup(): void {
    const group = this.group;
    this.group = undefined;
    group?.commit();
  }

  /** Transactions waiting for their turn. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  private shift(): Waiter | undefined {
    if (this.head >= this.waiting.length) return undefined;
    const next = this.waiting[this.head];
    this.waiting[this.head++] = undefined;
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    }
    return next;
  }

  /** Fails the callers that waited `timeoutMs` (the oldest first); re-armed while any waits. */
  private arm(): void {
    const oldest = this.waiting[this.head];
    if (!oldest) {
      this.timer = undefined;
      return;
    }
    this.timer = setTimeout(
      () => {
        const now = performance.now();
        while (this.head < this.waiting.length && this.waiting[this.head]!.deadline <= now)
          this.shift()!.reject(
            new Error(
              `Timeout waiting ${this.timeoutMs} ms for the SQLite connection: is a transaction waiting for itself?`,
            ),
          );
        this.arm();
      },
      Math.max(0, oldest.deadline - performance.now()),
    );
    this.timer.unref();
  }
}

const turns = new WeakMap<object, TransactionTurns>();

/** The turns of the outermost transactions on `connection` (one queue per ORM: its connection). */
export function transactionTurns(connection: object): {
  readonly queued: number;
  readonly turnsGiven: number;
  groupMaxMs: number;
  maxQueued: number;
} {
  let queue = turns.get(connection);
  if (!queue) turns.set(connection, (queue = new TransactionTurns(TRANSACTION_TURN_TIMEOUT_MS)));
  return queue;
}

/** `transactional`'s options on SQLite: MikroORM's, and `lean: false` to take MikroORM's path (for comparisons). */
export interface SqliteTransactionOptions extends OrmTransactionOptions {
  lean?: boolean;
  /**
   * Whether the lean path may share its COMMIT with the transactions waiting after it (`CommitGroup`); default true.
   * False: BEGIN … COMMIT of its own (for comparisons).
   */
  grouped?: boolean;
}

/** The propagations that make an outermost transaction a new top-level one (MikroORM's default is NESTED). */
const NEW_TOP_LEVEL = new Set<TransactionPropagation | undefined>([
  undefined,
  TransactionPropagation.NESTED,
  TransactionPropagation.REQUIRED,
  TransactionPropagation.REQUIRES_NEW,
]);

/** `transactional` runs the callback without a transaction (MikroORM's `disableTransactions`). */
const transactionsDisabled = (em: EntityManager) =>
  (em as unknown as { disableTransactions?: boolean }).disableTransactions === true;

/** MikroORM's `TransactionManager` moves (or merges) a transaction's entities into the calling entity manager. */
interface EntityMerge {
  mergeEntitiesToParent(fork: EntityManager, parent: EntityManager): void;
}

/**
 * MikroORM's EntityManager for a SQLite database (`entityManager` in `ormConfig`): an outermost `transactional` waits
 * for its turn before MikroORM forks the EntityManager and builds the transaction. Before, it waited for SQLite's one
 * connection in knex's pool, after MikroORM had made its fork (unit of work, identity map, loaders, a copy of the
 * event manager, the transaction context). When writers come faster than SQLite commits (the events benchmark's
 * 1,000 transactions/s on a busy machine: a heap snapshot mid-round found 438 waiting, with 876 EntityManagers, ~16 KB
 * each transaction), those objects lived long enough to be promoted to V8's old generation, and a full collection
 * then raised the old generation's limit by 40 % of them (`--heap-growing-percent`): residents peaked at 154–181 MB.
 * Waiting here costs a queue entry and the caller's own fork; the transactions keep the order they asked in. A
 * transaction inside another (`ctx`, or the caller's transaction context) does not wait: it is a savepoint on the
 * connection its parent holds. Statements outside a transaction, and `em.begin()`, still wait for the connection in
 * the pool as before.
 *
 * Once it is its turn, an outermost transaction whose calling entity manager holds nothing (a request's fresh fork in
 * `ctx.transaction`, a worker's `em.fork().transactional`) runs without MikroORM's transaction manager (`runTopLevelTransaction`):
 * one fork of the caller, sharing its event manager (MikroORM copies the event manager for every transaction, to
 * hang a listener on the copy that drops deleted entities from the caller's identity map: with nothing there, there
 * is nothing to drop), the flush only when the unit of work holds anything, and the fork's entities moved into the
 * caller's identity map before the commit, as MikroORM does. In the events benchmark's producer MikroORM's transaction
 * manager was ~16 % of the CPU. A caller that holds entities (the fork starts with them, and a deletion in the
 * transaction must leave the caller too), options this path does not know (a `propagation` that runs without a
 * transaction or requires one, `clear`), and `lean: false` take MikroORM's path.
 */
export class SqliteEntityManager extends SqlEntityManager {
  override async transactional<T>(
    cb: (em: this) => T | Promise<T>,
    options: SqliteTransactionOptions = {},
  ): Promise<T> {
    const { lean = true, grouped = true, ...ormOptions } = options;
    const em = this.getContext(false);
    if (options.ctx || em.getTransactionContext()) return super.transactional(cb, ormOptions);
    const queue = transactionTurns(this.getConnection()) as TransactionTurns;
    const turn = queue.take();
    if (turn) await turn;
    let passed = false;
    const yieldTurn = () => {
      if (passed) return;
      passed = true;
      queue.pass();
    };
    try {
      const leanPath = lean && this.leanApplies(em, ormOptions);
      // a transaction that does not join takes the connection from the pool: an open commit group commits first
      if (!leanPath || !grouped) queue.closeGroup();
      if (leanPath)
        return await this.leanTransactional(em, cb, ormOptions, grouped ? { turns: queue, yieldTurn } : undefined);
      return await super.transactional(cb, ormOptions);
    } finally {
      yieldTurn();
    }
  }

  /** The lean path keeps MikroORM's semantics for this transaction (see the class). */
  private leanApplies(em: EntityManager, options: OrmTransactionOptions): boolean {
    if (transactionsDisabled(this) || transactionsDisabled(em) || !NEW_TOP_LEVEL.has(options.propagation)) return false;
    if (options.clear !== undefined) return false;
    // the unit of work of `em` itself (the global entity manager's own, when that is the context)
    const uow = em.getUnitOfWork(false);
    return (
      uow.getIdentityMap().keys().length === 0 &&
      uow.getPersistStack().size === 0 &&
      uow.getRemoveStack().size === 0 &&
      uow.getOrphanRemoveStack().size === 0
    );
  }

  private async leanTransactional<T>(
    em: EntityManager,
    cb: (em: this) => T | Promise<T>,
    options: OrmTransactionOptions,
    commitGroup: GroupTurn | undefined,
  ): Promise<T> {
    const fork = em.fork({
      flushMode: options.flushMode,
      disableTransactions: options.ignoreNestedTransactions,
      loggerContext: options.loggerContext,
    }) as this;
    // as MikroORM: the caller gets the transaction's entities, unless it is the global entity manager (when not allowed)
    const intoCaller = !em.global || this.config.get('allowGlobalContext');
    return runTopLevelTransaction(fork, cb, {
      isolationLevel: options.isolationLevel,
      readOnly: options.readOnly,
      loggerContext: options.loggerContext,
      commitGroup,
      beforeCommit: intoCaller
        ? () => (new TransactionManager(em) as unknown as EntityMerge).mergeEntitiesToParent(fork, em)
        : undefined,
    });
  }
}
