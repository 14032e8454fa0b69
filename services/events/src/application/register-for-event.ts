import { RegistrationCreated } from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import type { UnitOfWork } from '@shequ/subgraph';
import { decideRegistration } from '../domain/registration-policy.js';
import { CommunityEvent } from '../entities/community-event.js';
import { Registration } from '../entities/registration.js';

/**
 * Registers a resident for an event. The event row is locked for the decision (PostgreSQL; SQLite
 * serialises writers), so two residents racing for the last seat never both get it.
 */
export async function registerForEvent(uow: UnitOfWork, command: { eventId: string; residentId: string }, communityId: string, now: Date): Promise<Registration> {
  const event = await uow.em.findOne(CommunityEvent, { id: command.eventId, communityId }, forUpdate(uow.em));
  if (!event) throw new InvalidInputError('eventId', `活动 ${command.eventId} 不存在`);
  const confirmed = await uow.em.count(Registration, { event, status: 'CONFIRMED' });
  const existing = await uow.em.count(Registration, { event, residentId: command.residentId, status: { $in: ['CONFIRMED', 'WAITLISTED', 'ATTENDED'] } });
  const status = decideRegistration({ eventStatus: event.status, capacity: event.capacity, confirmed, alreadyRegistered: existing > 0 });
  const registration = uow.em.create(Registration, { id: newId(), communityId, event, residentId: command.residentId, status, registeredAt: now });
  if (status === 'CONFIRMED' && event.capacity !== null && confirmed + 1 >= event.capacity) event.status = 'FULL';
  uow.events.record(RegistrationCreated, { registrationId: registration.id, eventId: event.id, residentId: command.residentId, status });
  await uow.em.flush();
  return registration;
}
