import {
  RegistrationAttended,
  RegistrationCancelled,
  RegistrationCreated,
  RegistrationPromoted,
} from '@shequ/contracts';
import { newId } from '@shequ/database';
import { InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireReference, type PersonalDataReader, type UnitOfWork } from '@shequ/subgraph';
import type { EventSink } from '@shequ/messaging';
import type { EntityManager } from '@mikro-orm/core';
import { checkAudience } from '../domain/audience-rule.js';
import { statusForSeats } from '../domain/event-lifecycle.js';
import {
  checkCancellationAllowed,
  checkCheckInAllowed,
  decideRegistration,
  LIVE_REGISTRATION,
  nextRegistrationStatus,
} from '../domain/registration-policy.js';
import { CommunityEvent } from '../entities/community-event.js';
import { Registration } from '../entities/registration.js';
import { ResidentProfile } from '../entities/resident-profile.js';
import { lockEvent } from './event-locks.js';

function confirmedCount(em: EntityManager, event: CommunityEvent): Promise<number> {
  return em.count(Registration, { event, status: 'CONFIRMED' });
}

/**
 * Registers a resident for an event. The event row is locked for the decision, so two residents racing for
 * the last seat never both get it: one is confirmed, the other waitlisted.
 */
export async function registerForEvent(
  uow: UnitOfWork,
  command: { eventId: string; residentId: string },
  communityId: string,
  now: Date,
  caller: { pii?: Pick<PersonalDataReader, 'usedByRule'>; readsBirthDate?: boolean } = {},
): Promise<Registration> {
  const locked = await lockEvent(
    uow,
    command.eventId,
    communityId,
    () => new InvalidInputError('eventId', `活动 ${command.eventId} 不存在`),
  );
  // A current resident: one who died or moved away has their registrations released (residents' events), so the
  // API does not let a new one in either.
  await requireReference(uow.em, { kind: 'RESIDENT', id: command.residentId, field: 'residentId', communityId });
  const profile = await uow.em.findOne(ResidentProfile, { residentId: command.residentId });
  if (profile?.diedOn) throw new InvalidInputError('residentId', '该居民已登记死亡，不能报名');
  // the audience's age rule decides on the birth date for the caller: in the resident's audit trail, yes or no
  if (locked.audience !== 'ALL' && profile?.birthDate)
    caller.pii?.usedByRule({ id: profile.residentId, communityId: profile.communityId }, 'birthDate');
  checkAudience(locked.audience, profile?.birthDate ?? null, locked.startsAt, {
    ageShown: caller.readsBirthDate ?? false,
  });
  const confirmed = await confirmedCount(uow.em, locked);
  const existing = await uow.em.count(Registration, {
    event: locked,
    residentId: command.residentId,
    status: { $in: [...LIVE_REGISTRATION, 'ATTENDED'] },
  });
  const status = decideRegistration({
    eventStatus: locked.status,
    capacity: locked.capacity,
    confirmed,
    alreadyRegistered: existing > 0,
  });
  const registration = uow.em.create(Registration, {
    id: newId(),
    communityId,
    event: locked,
    residentId: command.residentId,
    status,
    registeredAt: now,
  });
  locked.status = statusForSeats(locked.status, locked.capacity, confirmed + (status === 'CONFIRMED' ? 1 : 0));
  uow.events.record(RegistrationCreated, {
    registrationId: registration.id,
    eventId: locked.id,
    residentId: command.residentId,
    status,
  });
  await uow.em.flush();
  return registration;
}

/** What the bus learns of a cancellation (registration.cancelled's `cause`); the reason's words stay here. */
export type RegistrationCancelCause = 'WITHDRAWN' | 'EVENT_CANCELLED';

/**
 * Cancels one registration (the event already locked by the caller). A released seat goes to the first
 * resident on the waitlist; with nobody waiting a full event opens again.
 */
export async function cancelLockedRegistration(
  em: EntityManager,
  events: EventSink,
  event: CommunityEvent,
  registration: Registration,
  cancellation: { reason: string; cause: RegistrationCancelCause },
  now: Date,
): Promise<Registration | null> {
  const { reason, cause } = cancellation;
  const held = registration.status === 'CONFIRMED';
  registration.status = nextRegistrationStatus(registration.status, 'CANCEL');
  registration.cancelledAt = now;
  registration.cancelReason = reason;
  events.record(RegistrationCancelled, {
    registrationId: registration.id,
    eventId: event.id,
    residentId: registration.residentId,
    // the reason's words stay in the service (the resident's own words, or that they died or moved away, are
    // personal): the bus learns only whether the resident withdrew or the event was cancelled
    cause,
  });
  await em.flush();
  if (!held) return null;
  let promoted: Registration | null = null;
  const next = await em.findOne(
    Registration,
    { event, status: 'WAITLISTED' },
    { orderBy: { registeredAt: 'asc', id: 'asc' } },
  );
  if (next && (event.status === 'OPEN' || event.status === 'FULL')) {
    next.status = nextRegistrationStatus(next.status, 'PROMOTE');
    events.record(RegistrationPromoted, {
      registrationId: next.id,
      eventId: event.id,
      residentId: next.residentId,
      promotedAt: now.toISOString(),
    });
    promoted = next;
  }
  await em.flush();
  event.status = statusForSeats(event.status, event.capacity, await confirmedCount(em, event));
  await em.flush();
  return promoted;
}

export async function cancelRegistration(
  uow: UnitOfWork,
  command: { registrationId: string; reason?: string | null },
  communityId: string,
  now: Date,
): Promise<{ registration: Registration; promoted: Registration | null }> {
  const found = await uow.em.findOne(Registration, { id: command.registrationId, communityId });
  if (!found) throw new NotFoundError('报名', command.registrationId);
  const event = await lockEvent(uow, found.event.id, communityId);
  await uow.em.refresh(found);
  checkCancellationAllowed(event.status);
  const promoted = await cancelLockedRegistration(
    uow.em,
    uow.events,
    event,
    found,
    { reason: command.reason?.trim() || '本人取消', cause: 'WITHDRAWN' },
    now,
  );
  return { registration: found, promoted };
}

/** 签到: a confirmed resident arrives at a running event; publishes registration.attended. */
export async function checkIn(
  uow: UnitOfWork,
  command: { registrationId: string },
  communityId: string,
  now: Date,
): Promise<Registration> {
  const registration = await uow.em.findOne(
    Registration,
    { id: command.registrationId, communityId },
    { populate: ['event'] },
  );
  if (!registration) throw new NotFoundError('报名', command.registrationId);
  // the event locked like every change of its registrations: a check-in and the event's completion do not cross
  const event = await lockEvent(uow, registration.event.id, communityId);
  await uow.em.refresh(registration);
  checkCheckInAllowed(event.status);
  registration.status = nextRegistrationStatus(registration.status, 'CHECK_IN');
  registration.attendedAt = now;
  uow.events.record(RegistrationAttended, {
    registrationId: registration.id,
    eventId: event.id,
    residentId: registration.residentId,
    attendedAt: now.toISOString(),
  });
  await uow.em.flush();
  return registration;
}
