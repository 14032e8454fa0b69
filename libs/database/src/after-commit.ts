import type { EntityManager, EventSubscriber, MikroORM, TransactionEventArgs } from '@mikro-orm/core';

/**
 * Work that may run only once a transaction has committed (never after a rollback): e.g. an in-process memory of
 * rows known to exist, which must not learn from a batch that is rolled back. One per ORM (`afterCommitOf`); the
 * work waits on the entity manager it was registered with, as MikroORM's transaction events name it (the
 * transaction's fork: `em.transactional`'s and the consumers' `inTransaction`). Work registered in a nested
 * transaction (a savepoint) is never run: its commit is not announced, so what it would learn is simply not learnt.
 */
export class AfterCommit {
  private readonly pending = new WeakMap<EntityManager, Array<() => void>>();

  constructor(orm: MikroORM) {
    const subscriber: EventSubscriber = {
      afterTransactionCommit: (args: TransactionEventArgs) => {
        const work = this.pending.get(args.em);
        if (!work) return;
        this.pending.delete(args.em);
        for (const run of work) run();
      },
      afterTransactionRollback: (args: TransactionEventArgs) => {
        this.pending.delete(args.em);
      },
    };
    // forks made from now on copy the event manager with this subscriber (register before any transaction starts)
    orm.em.getEventManager().registerSubscriber(subscriber);
  }

  /** Runs `work` once `em`'s transaction has committed; at once when `em` is in no transaction (already committed). */
  run(em: EntityManager, work: () => void): void {
    if (!em.isInTransaction()) {
      work();
      return;
    }
    const list = this.pending.get(em);
    if (list) list.push(work);
    else this.pending.set(em, [work]);
  }
}

const perOrm = new WeakMap<MikroORM, AfterCommit>();

/** The `AfterCommit` of `orm` (its subscriber registered on first use: call it when the consumer is built). */
export function afterCommitOf(orm: MikroORM): AfterCommit {
  let hooks = perOrm.get(orm);
  if (!hooks) perOrm.set(orm, (hooks = new AfterCommit(orm)));
  return hooks;
}
