import { forUpdate } from '@shequ/database';
import { NotFoundError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { CommunityEvent } from '../entities/community-event.js';

/**
 * Loads an event with its row locked for the rest of the transaction (PostgreSQL `FOR UPDATE`; SQLite
 * serialises writers), so seat counts read afterwards cannot change under the caller.
 */
export async function lockEvent(
  uow: UnitOfWork,
  eventId: string,
  communityId: string,
  missing?: () => Error,
): Promise<CommunityEvent> {
  const event = await uow.em.findOne(
    CommunityEvent,
    { id: eventId, communityId },
    { ...forUpdate(uow.em), refresh: true },
  );
  if (!event) throw missing ? missing() : new NotFoundError('活动', eventId);
  return event;
}
