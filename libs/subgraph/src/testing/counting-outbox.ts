import type { EntityManager } from '@mikro-orm/core';
import type { Outbox } from '@shequ/messaging';

/** What `countingOutbox` saw: events per transaction and the largest identity map an event was added next to. */
export interface CountingOutbox {
  /** Passes every event on to the real outbox (the rows are written as usual). */
  outbox: Outbox;
  /** How many transactions (entity managers) recorded events. */
  transactions(): number;
  /** The most events one transaction recorded. */
  largestTransaction(): number;
  /** The most entities the identity map of a transaction held when it recorded an event. */
  largestIdentityMap(): number;
}

/**
 * The real outbox, counting what each transaction (each entity manager the events are added on) records: for tests
 * that a scheduled scan works in bounded pages (rows per transaction, entities held) rather than in one transaction.
 */
export function countingOutbox(outbox: Outbox): CountingOutbox {
  const perTransaction = new Map<EntityManager, number>();
  let largestIdentityMap = 0;
  const counting = {
    add: (em: EntityManager, ...rest: unknown[]) => {
      perTransaction.set(em, (perTransaction.get(em) ?? 0) + 1);
      largestIdentityMap = Math.max(largestIdentityMap, em.getUnitOfWork().getIdentityMap().values().length);
      return (outbox.add as (...args: unknown[]) => unknown).call(outbox, em, ...rest);
    },
  } as unknown as Outbox;
  return {
    outbox: counting,
    transactions: () => perTransaction.size,
    largestTransaction: () => Math.max(0, ...perTransaction.values()),
    largestIdentityMap: () => largestIdentityMap,
  };
}
