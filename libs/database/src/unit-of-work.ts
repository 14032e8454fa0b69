import type { EntityManager } from '@mikro-orm/core';

/** Nothing managed or queued in the unit of work: a flush would find nothing to write. */
export function unitOfWorkIsEmpty(em: EntityManager): boolean {
  const uow = em.getUnitOfWork();
  return (
    uow.getPersistStack().size === 0 && uow.getRemoveStack().size === 0 && uow.getIdentityMap().keys().length === 0
  );
}

/**
 * `em.flush()` when the unit of work holds anything (a managed entity, a persist or remove): before a plain statement
 * that must see pending changes. A flush of an empty unit of work still computes change sets and dispatches the
 * flush events — on the consumers' hot path, where handlers write with plain statements, more than the statement.
 */
export async function flushPending(em: EntityManager): Promise<void> {
  if (!unitOfWorkIsEmpty(em)) await em.flush();
}
