import { runTopLevelTransaction, unitOfWorkIsEmpty } from '@shequ/database';
import type { EntityManager, MikroORM } from '@mikro-orm/core';

/** One consumer's part of a shared transaction: applies its batch in `em` and returns its outcomes. */
interface Share {
  work: (em: EntityManager) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Why a shared transaction rolled back, as each share sees it: `culprit` when its own work threw (or the commit
 * failed, which belongs to no share in particular), otherwise another share's failure took it along.
 */
export class SharedTransactionFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly culprit: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * The transaction a service's consumers share: the batches that several durable consumers of one process have ready
 * at the same moment (e.g. `cases__from__residents` and `cases__from__events`; each durable already applies its
 * purposes' events, such as `cases__residents`, `cases__references__residents` and `cases__webhooks__residents` of one
 * `resident.registered`, together) are applied one after the other in one transaction, each with its own inbox rows
 * and version claims, instead of each in a transaction of its own (a fork, begin, flush and commit per consumer and
 * event). Each consumer hands in at most one batch at a time, so its events stay in stream order; what is handed
 * in while a transaction runs goes into the next one. A failure rolls back every share: the consumer whose work
 * failed falls back to its events one by one, the others try again.
 */
export class SharedConsumerTransaction {
  private waiting: Share[] = [];
  private scheduled = false;
  private running = false;
  /** Transactions run and the consumers' batches they applied (to see the sharing at work). */
  readonly stats = { transactions: 0, shares: 0 };

  constructor(private readonly orm: MikroORM) {}

  /** Runs `work` in the next shared transaction; resolves after that transaction has committed. */
  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      this.schedule();
    });
  }

  /**
   * The next transaction starts once the event loop has had a turn: the consumers whose messages came in the same
   * read from the server have handed in their batches by then.
   */
  private schedule(): void {
    if (this.scheduled || this.running || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running || this.waiting.length === 0) return;
    this.running = true;
    const shares = this.waiting.splice(0);
    // the share whose work is under way (none between shares and at the commit)
    const under: { way?: Share } = {};
    try {
      const results = await inTransaction(this.orm, async (em) => {
        const out: unknown[] = [];
        for (const share of shares) {
          // each share starts with an empty unit of work (its handlers see the earlier shares' changes in the database)
          if (!unitOfWorkIsEmpty(em)) {
            await em.flush();
            em.clear();
          }
          under.way = share;
          out.push(await share.work(em));
          under.way = undefined;
        }
        return out;
      });
      this.stats.transactions += 1;
      this.stats.shares += shares.length;
      shares.forEach((share, i) => share.resolve(results[i]));
    } catch (error) {
      for (const share of shares)
        share.reject(new SharedTransactionFailed(error, under.way === undefined || under.way === share));
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}

/**
 * Runs `work` in a transaction of its own on a fork of `orm`'s entity manager and commits it (flushing first only
 * when the unit of work holds anything): `runTopLevelTransaction` on a fresh fork, the path an outermost
 * `transactional` takes on SQLite (`SqliteEntityManager`) minus the fork it makes of its caller: here the fresh fork
 * is the transaction's entity manager and nobody takes its entities afterwards. On PostgreSQL too: MikroORM's
 * transaction manager would add a second fork with a copy of the event manager, the flush of an empty unit of work
 * and the merge into the parent, per consumer transaction more CPU than its inbox and version statements.
 */
export function inTransaction<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return runTopLevelTransaction(orm.em.fork(), work);
}

const shared = new WeakMap<MikroORM, SharedConsumerTransaction>();

/** The shared transaction of the consumers on `orm` (one per service process and database). */
export function sharedConsumerTransaction(orm: MikroORM): SharedConsumerTransaction {
  let transaction = shared.get(orm);
  if (!transaction) shared.set(orm, (transaction = new SharedConsumerTransaction(orm)));
  return transaction;
}
