import type { EntityManager } from '@mikro-orm/core';
import type { EventSink } from '@shequ/messaging';
import { CommunityEvent } from '../entities/community-event.js';
import { Registration } from '../entities/registration.js';
import { ResidentProfile } from '../entities/resident-profile.js';
import { forUpdate } from '@shequ/database';
import { cancelLockedRegistration } from './registrations.js';

async function profileOf(em: EntityManager, residentId: string, communityId: string): Promise<ResidentProfile> {
  return (await em.findOne(ResidentProfile, { residentId })) ?? em.create(ResidentProfile, { residentId, communityId });
}

/**
 * resident.registered: keep the birth date (for audience rules and the share of elderly reached); `fillOnly`
 * (a stale registration) sets it only where none is known.
 */
export async function recordResident(
  em: EntityManager,
  data: { residentId: string; birthDate: string | null },
  communityId: string,
  options: { fillOnly?: boolean } = {},
): Promise<void> {
  const profile = await profileOf(em, data.residentId, communityId);
  if (options.fillOnly) profile.birthDate ??= data.birthDate;
  else profile.birthDate = data.birthDate;
  await em.flush();
}

/**
 * A resident who died or moved away keeps no place at events that have not started yet: their live
 * registrations are cancelled, each released seat goes to the waitlist.
 */
export async function releaseFutureRegistrations(
  em: EntityManager,
  events: EventSink,
  data: { residentId: string; diedOn?: string; movedOutOn?: string },
  communityId: string,
  now: Date,
): Promise<number> {
  const profile = await profileOf(em, data.residentId, communityId);
  if (data.diedOn) profile.diedOn = data.diedOn;
  if (data.movedOutOn) profile.movedOutOn = data.movedOutOn;
  await em.flush();
  const reason = data.diedOn ? '居民已故' : '居民迁出社区';
  const live = await em.find(
    Registration,
    { residentId: data.residentId, status: { $in: ['CONFIRMED', 'WAITLISTED'] } },
    { populate: ['event'] },
  );
  let cancelled = 0;
  for (const registration of live) {
    const event = await em.findOne(CommunityEvent, { id: registration.event.id }, { ...forUpdate(em), refresh: true });
    if (!event || event.startsAt.getTime() <= now.getTime() || !['PLANNED', 'OPEN', 'FULL'].includes(event.status))
      continue;
    await em.refresh(registration);
    if (registration.status !== 'CONFIRMED' && registration.status !== 'WAITLISTED') continue;
    await cancelLockedRegistration(em, events, event, registration, reason, now);
    cancelled += 1;
  }
  return cancelled;
}
