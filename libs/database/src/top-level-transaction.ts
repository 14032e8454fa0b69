import {
  TransactionContext,
  TransactionEventBroadcaster,
  type EntityManager,
  type IsolationLevel,
  type LogContext,
} from '@mikro-orm/core';

import type { GroupTurn } from './sqlite-commit-group.js';
import { flushPending } from './unit-of-work.js';

/** What a top-level transaction passes to the connection's `begin`, `commit` and `rollback`. */
export interface TopLevelTransactionOptions {
  isolationLevel?: IsolationLevel;
  readOnly?: boolean;
  loggerContext?: LogContext;
  /** Runs after `work` and the flush, before COMMIT (inside the transaction): e.g. the merge into a parent `em`. */
  beforeCommit?: () => void;
  /**
   * SQLite: the caller's turn (`SqliteEntityManager.transactional`), so the transaction may share its COMMIT with the
   * transactions waiting after it (`CommitGroup`). Without it, BEGIN … COMMIT of its own.
   */
  commitGroup?: GroupTurn;
}

/**
 * Runs `work` in a top-level transaction of its own with `em` as the transaction's entity manager, then flushes `em`
 * (only when its unit of work holds anything) and commits; an error in `work`, the flush or the COMMIT rolls the
 * transaction back and is rethrown. What MikroORM's `transactional` does with the fork it makes for a top-level
 * transaction, without its transaction manager: `em` is the transaction context's entity manager while `work` runs
 * (code that reaches for the context's entity manager writes in this transaction), `em.getTransactionContext()` is the
 * transaction (and stays set afterwards, as MikroORM leaves it on its fork), and the connection dispatches the
 * transaction events (start, commit, rollback: the outbox relay's commit hook, the rollups) with one broadcaster for
 * the top-level transaction, whose `em` is `em`. `em` should be a fork that nothing else uses meanwhile (not a
 * context-resolving or global entity manager).
 */
export async function runTopLevelTransaction<E extends EntityManager, T>(
  em: E,
  work: (em: E) => T | Promise<T>,
  options: TopLevelTransactionOptions = {},
): Promise<T> {
  return TransactionContext.create(em, async () => {
    const connection = em.getConnection('write');
    const eventBroadcaster = new TransactionEventBroadcaster(em, undefined, { topLevelTransaction: true });
    const { loggerContext } = options;
    const trx: unknown = await connection.begin({
      isolationLevel: options.isolationLevel,
      readOnly: options.readOnly,
      loggerContext,
      eventBroadcaster,
      ...(options.commitGroup ? { commitGroup: options.commitGroup } : {}),
    });
    em.setTransactionContext(trx);
    try {
      const result = await work(em);
      await flushPending(em);
      options.beforeCommit?.();
      await connection.commit(trx, eventBroadcaster, loggerContext);
      return result;
    } catch (error) {
      // a failed COMMIT included: the connection has ended the transaction and the rollback announces it
      await connection.rollback(trx, eventBroadcaster, loggerContext);
      throw error;
    }
  });
}
