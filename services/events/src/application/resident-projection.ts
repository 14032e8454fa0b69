import type { EntityManager } from '@mikro-orm/core';
import type { EventSink } from '@shequ/messaging';
import { CommunityEvent } from '../entities/community-event.js';
import { Registration } from '../entities/registration.js';
import { GridCode } from '../entities/grid-code.js';
import { TeamMember } from '../entities/team.js';
import { ResidentProfile } from '../entities/resident-profile.js';
import { forUpdate } from '@shequ/database';
import { residentIdsInBuilding } from '@shequ/subgraph';
import { cancelLockedRegistration } from './registrations.js';
import { UPCOMING_EVENT_STATUSES } from '../domain/event-lifecycle.js';
import { LIVE_REGISTRATION } from '../domain/registration-policy.js';

async function profileOf(em: EntityManager, residentId: string, communityId: string): Promise<ResidentProfile> {
  return (await em.findOne(ResidentProfile, { residentId })) ?? em.create(ResidentProfile, { residentId, communityId });
}

/**
 * resident.registered: keep the birth date (for audience rules and the share of elderly reached) and the grid
 * (grid workers see registrations of their grids' residents only); `fillOnly` (a stale registration) sets them
 * only where none is known.
 */
export async function recordResident(
  em: EntityManager,
  data: { residentId: string; birthDate: string | null; gridId?: string | null },
  communityId: string,
  options: { fillOnly?: boolean } = {},
): Promise<void> {
  const profile = await profileOf(em, data.residentId, communityId);
  if (options.fillOnly) {
    profile.birthDate ??= data.birthDate;
    if (data.gridId !== undefined) profile.gridId ??= data.gridId;
  } else {
    profile.birthDate = data.birthDate;
    if (data.gridId !== undefined) profile.gridId = data.gridId;
  }
  await em.flush();
}

/** resident.moved_in: the resident's grid now. */
export async function recordResidentGrid(
  em: EntityManager,
  data: { residentId: string; gridId: string },
  communityId: string,
): Promise<void> {
  const profile = await profileOf(em, data.residentId, communityId);
  profile.gridId = data.gridId;
  await em.flush();
}

/**
 * building.moved_to_grid (网格边界调整): the building's residents are in the new grid from now on, so a grid worker
 * sees their registrations, volunteer records and team memberships in the new grid, and no longer in the old one.
 * Who lives in the building comes from the reference projection (its households and their residents).
 */
export async function moveBuildingResidents(
  em: EntityManager,
  data: { buildingId: string; toGridId: string },
  communityId: string,
): Promise<void> {
  const residentIds = await residentIdsInBuilding(em, data.buildingId);
  for (let i = 0; i < residentIds.length; i += 500)
    await em.nativeUpdate(
      ResidentProfile,
      { residentId: { $in: residentIds.slice(i, i + 500) }, communityId },
      { gridId: data.toGridId },
    );
}

/** grid.registered: grid id ↔ code. */
export async function recordGrid(
  em: EntityManager,
  data: { gridId: string; code: string },
  communityId: string,
): Promise<void> {
  const grid =
    (await em.findOne(GridCode, { gridId: data.gridId })) ??
    em.create(GridCode, { gridId: data.gridId, communityId, code: data.code });
  grid.code = data.code;
  await em.flush();
}

/**
 * A resident who died or moved away is no longer a team member (teams take current residents, `addTeamMember`):
 * their live memberships end on that day (not before they joined), and a team they led has no leader.
 */
async function endTeamMemberships(em: EntityManager, residentId: string, on: string): Promise<void> {
  for (const member of await em.find(TeamMember, { residentId, leftOn: null }, { populate: ['team'] })) {
    member.leftOn = on < member.joinedOn ? member.joinedOn : on;
    const team = member.team.getEntity();
    if (team.leaderResidentId === residentId) team.leaderResidentId = null;
  }
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
  await endTeamMemberships(em, data.residentId, (data.diedOn ?? data.movedOutOn)!);
  const reason = data.diedOn ? '居民已故' : '居民迁出社区';
  const live = await em.find(
    Registration,
    { residentId: data.residentId, status: { $in: LIVE_REGISTRATION } },
    { populate: ['event'] },
  );
  let cancelled = 0;
  for (const registration of live) {
    const event = await em.findOne(CommunityEvent, { id: registration.event.id }, { ...forUpdate(em), refresh: true });
    if (!event || event.startsAt.getTime() <= now.getTime() || !UPCOMING_EVENT_STATUSES.includes(event.status))
      continue;
    await em.refresh(registration);
    if (registration.status !== 'CONFIRMED' && registration.status !== 'WAITLISTED') continue;
    await cancelLockedRegistration(em, events, event, registration, { reason, cause: 'WITHDRAWN' }, now);
    cancelled += 1;
  }
  return cancelled;
}
