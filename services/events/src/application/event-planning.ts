import { ref } from '@mikro-orm/core';
import {
  EventCancelled,
  EventCompleted,
  EventPublished,
  type CommunityEventType,
  type Department,
  ageOn,
} from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireReference, type PersonalDataReader, type UnitOfWork } from '@shequ/subgraph';
import {
  checkGalaTakesRehearsals,
  checkReschedulable,
  checkStartNotBeforePlanning,
  checkStartTime,
  nextEventStatus,
} from '../domain/event-lifecycle.js';
import { checkProgrammeFits } from '../domain/gala-plan.js';
import { LIVE_REGISTRATION, nextRegistrationStatus } from '../domain/registration-policy.js';
import { checkCapacityFitsVenue, checkTimeRange, checkVenueFree } from '../domain/venue-booking.js';
import { ageFits } from '../domain/audience-rule.js';
import {
  EventAudiences,
  TeamSupervisionStatuses,
  type EventAudience,
  type OrganiserKind,
} from '../domain/vocabularies.js';
import { ResidentProfile } from '../entities/resident-profile.js';
import { CommunityEvent } from '../entities/community-event.js';
import { EventSponsor, ProgrammeItem } from '../entities/gala-programme.js';
import { Registration } from '../entities/registration.js';
import { Team } from '../entities/team.js';
import { Venue } from '../entities/venue.js';
import { lockEvent } from './event-locks.js';
import { cancelLockedRegistration } from './registrations.js';

export interface PlanEventCommand {
  title: string;
  type: CommunityEventType;
  description?: string | null;
  venueId?: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity?: number | null;
  audience?: EventAudience | null;
  organiserKind: OrganiserKind;
  organiserDepartment?: Department | null;
  organiserTeamId?: string | null;
  organiserOrganizationId?: string | null;
  rehearsalForId?: string | null;
}

/**
 * Books the venue (locked, so two bookings of one venue cannot both pass the overlap check) and creates the
 * event in PLANNED. A booking overlapping another live event on the venue is a CONFLICT naming that event.
 */
export async function planEvent(
  uow: UnitOfWork,
  command: PlanEventCommand,
  communityId: string,
  now: Date,
): Promise<CommunityEvent> {
  const title = command.title.trim();
  if (!title) throw new InvalidInputError('title', '活动名称不能为空');
  checkTimeRange(command.startsAt, command.endsAt);
  checkStartNotBeforePlanning(command.startsAt, now);
  const capacity = command.capacity ?? null;
  const organiser = await resolveOrganiser(uow, command, communityId);
  let rehearsalFor: CommunityEvent | null = null;
  if (command.rehearsalForId) {
    if (command.type !== 'REHEARSAL') throw new InvalidInputError('rehearsalForId', '只有排练可以关联晚会');
    // locked: a concurrent cancellation of the gala is ordered before or after this check
    rehearsalFor = await lockEvent(
      uow,
      command.rehearsalForId,
      communityId,
      () => new InvalidInputError('rehearsalForId', `活动 ${command.rehearsalForId} 不存在`),
    );
    if (rehearsalFor.type !== 'GALA') throw new InvalidInputError('rehearsalForId', '排练只能关联晚会');
    checkGalaTakesRehearsals(rehearsalFor);
  }
  const venue = await bookVenue(
    uow,
    { venueId: command.venueId ?? null, startsAt: command.startsAt, endsAt: command.endsAt, capacity },
    communityId,
  );
  const event = uow.em.create(CommunityEvent, {
    id: newId(),
    communityId,
    title,
    type: command.type,
    description: command.description?.trim() || null,
    venue,
    startsAt: command.startsAt,
    endsAt: command.endsAt,
    capacity,
    audience: command.audience ?? 'ALL',
    ...organiser,
    rehearsalForId: rehearsalFor?.id ?? null,
    plannedAt: now,
  });
  await uow.em.flush();
  return event;
}

/**
 * Locks the venue (so two bookings cannot both pass the overlap check) and checks the slot is free and the
 * capacity fits; `eventId` is the event being moved, which does not conflict with itself.
 */
async function bookVenue(
  uow: UnitOfWork,
  booking: { eventId?: string; venueId: string | null; startsAt: Date; endsAt: Date; capacity: number | null },
  communityId: string,
): Promise<Venue | null> {
  if (!booking.venueId) {
    checkCapacityFitsVenue(booking.capacity, null);
    return null;
  }
  const venue = await uow.em.findOne(Venue, { id: booking.venueId, communityId }, forUpdate(uow.em));
  if (!venue) throw new InvalidInputError('venueId', `场地 ${booking.venueId} 不存在`);
  checkCapacityFitsVenue(booking.capacity, venue.capacity);
  const existing = await uow.em.find(CommunityEvent, {
    venue,
    status: { $ne: 'CANCELLED' },
    startsAt: { $lt: booking.endsAt },
    endsAt: { $gt: booking.startsAt },
  });
  checkVenueFree(venue.name, { id: booking.eventId, startsAt: booking.startsAt, endsAt: booking.endsAt }, existing);
  return venue;
}

/** Moves an event that has not started to another time and/or venue, under the same booking rules. */
export async function rescheduleEvent(
  uow: UnitOfWork,
  command: { eventId: string; venueId?: string | null; startsAt: Date; endsAt: Date },
  communityId: string,
  now: Date,
  pii?: Pick<PersonalDataReader, 'usedByRule'>,
): Promise<CommunityEvent> {
  checkTimeRange(command.startsAt, command.endsAt);
  checkStartNotBeforePlanning(command.startsAt, now);
  const event = await lockEvent(uow, command.eventId, communityId);
  checkReschedulable(event.status);
  const venueId = command.venueId === undefined ? (event.venue?.id ?? null) : command.venueId;
  const venue = await bookVenue(
    uow,
    { eventId: event.id, venueId, startsAt: command.startsAt, endsAt: command.endsAt, capacity: event.capacity },
    communityId,
  );
  if (event.type === 'GALA') {
    const programme = await uow.em.find(ProgrammeItem, { event }, { fields: ['durationMinutes'] });
    checkProgrammeFits(
      programme.reduce((sum, item) => sum + item.durationMinutes, 0),
      { startsAt: command.startsAt, endsAt: command.endsAt },
      'endsAt',
    );
  }
  if (event.audience !== 'ALL' && event.startsAt.getTime() !== command.startsAt.getTime())
    await checkAudienceOnNewDay(uow, event, command.startsAt, pii);
  event.venue = venue ? ref(venue) : null;
  event.startsAt = command.startsAt;
  event.endsAt = command.endsAt;
  await uow.em.flush();
  return event;
}

/**
 * The audience rule is checked on the day of the event (age in full years): a new day must not put a resident who
 * holds a place or waits for one outside it (a child turning 15, say); CONFLICT naming how many, nothing moved.
 */
async function checkAudienceOnNewDay(
  uow: UnitOfWork,
  event: CommunityEvent,
  startsAt: Date,
  pii: Pick<PersonalDataReader, 'usedByRule'> | undefined,
): Promise<void> {
  const live = await uow.em.find(
    Registration,
    { event, status: { $in: LIVE_REGISTRATION } },
    { fields: ['residentId'] },
  );
  let outside = 0;
  for (let i = 0; i < live.length; i += 500) {
    const ids = live.slice(i, i + 500).map((r) => r.residentId);
    const profiles = await uow.em.find(
      ResidentProfile,
      { residentId: { $in: ids } },
      { fields: ['residentId', 'birthDate', 'communityId'] },
    );
    // each registrant's birth date decides the count (of one registrant, a yes or no): in their audit trails
    for (const p of profiles)
      if (p.birthDate) pii?.usedByRule({ id: p.residentId, communityId: p.communityId }, 'birthDate');
    outside += profiles.filter((p) => p.birthDate && !ageFits(event.audience, ageOn(p.birthDate, startsAt))).length;
  }
  if (outside > 0)
    throw new ConflictError(
      `改期后有 ${outside} 名已报名居民不再符合活动对象（${EventAudiences.labels[event.audience]}）的年龄要求，请先处理其报名`,
      { field: 'startsAt', residentsOutsideAudience: outside },
    );
}

/** A team suspended by supervision (暂停活动) neither organises activities nor performs until it is lifted. */
function checkTeamMayAct(team: Team, field: string): void {
  if (team.supervisionStatus === 'SUSPENDED')
    throw new ConflictError(
      `团队「${team.name}」处于「${TeamSupervisionStatuses.labels.SUSPENDED}」状态，不能主办活动或参加演出`,
      {
        field,
        supervisionStatus: team.supervisionStatus,
      },
    );
}

async function resolveOrganiser(uow: UnitOfWork, command: PlanEventCommand, communityId: string) {
  switch (command.organiserKind) {
    case 'DEPARTMENT':
      if (!command.organiserDepartment) throw new InvalidInputError('organiserDepartment', '部门主办须指明部门');
      return {
        organiserKind: 'DEPARTMENT' as const,
        organiserDepartment: command.organiserDepartment,
        organiserTeamId: null,
        organiserOrganizationId: null,
      };
    case 'TEAM': {
      const team = command.organiserTeamId
        ? await uow.em.findOne(Team, { id: command.organiserTeamId, communityId })
        : null;
      if (!team) throw new InvalidInputError('organiserTeamId', `团队 ${command.organiserTeamId ?? '（未填）'} 不存在`);
      checkTeamMayAct(team, 'organiserTeamId');
      return {
        organiserKind: 'TEAM' as const,
        organiserDepartment: null,
        organiserTeamId: team.id,
        organiserOrganizationId: null,
      };
    }
    case 'ORGANIZATION':
      if (!command.organiserOrganizationId)
        throw new InvalidInputError('organiserOrganizationId', '共建单位主办须指明单位');
      await requireReference(uow.em, {
        kind: 'ORGANIZATION',
        id: command.organiserOrganizationId,
        field: 'organiserOrganizationId',
        communityId,
      });
      return {
        organiserKind: 'ORGANIZATION' as const,
        organiserDepartment: null,
        organiserTeamId: null,
        organiserOrganizationId: command.organiserOrganizationId,
      };
  }
}

/** PLANNED → OPEN: registration opens; publishes event.published. */
export async function publishEvent(uow: UnitOfWork, eventId: string, communityId: string): Promise<CommunityEvent> {
  const event = await lockEvent(uow, eventId, communityId);
  event.status = nextEventStatus(event.status, 'PUBLISH');
  uow.events.record(EventPublished, {
    eventId: event.id,
    title: event.title,
    type: event.type,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    venueId: event.venue?.id ?? null,
    capacity: event.capacity,
  });
  await uow.em.flush();
  return event;
}

/** → ONGOING: check-in opens (on the event's day, not earlier). */
export async function startEvent(
  uow: UnitOfWork,
  eventId: string,
  communityId: string,
  now: Date,
): Promise<CommunityEvent> {
  const event = await lockEvent(uow, eventId, communityId);
  const next = nextEventStatus(event.status, 'START');
  checkStartTime(event.startsAt, now);
  event.status = next;
  await uow.em.flush();
  return event;
}

/** ONGOING → COMPLETED: confirmed residents who never checked in become no-shows; publishes event.completed. */
export async function completeEvent(
  uow: UnitOfWork,
  eventId: string,
  communityId: string,
  now: Date,
): Promise<CommunityEvent> {
  const event = await lockEvent(uow, eventId, communityId);
  event.status = nextEventStatus(event.status, 'COMPLETE');
  for (const registration of await uow.em.find(Registration, { event, status: 'CONFIRMED' })) {
    registration.status = nextRegistrationStatus(registration.status, 'MARK_NO_SHOW');
  }
  const attended = await uow.em.count(Registration, { event, status: 'ATTENDED' });
  uow.events.record(EventCompleted, { eventId: event.id, completedAt: now.toISOString(), attended });
  await uow.em.flush();
  return event;
}

/** → CANCELLED: every live registration is cancelled (each publishes registration.cancelled), the venue freed. */
export async function cancelEvent(
  uow: UnitOfWork,
  command: { eventId: string; reason: string },
  communityId: string,
  now: Date,
): Promise<CommunityEvent> {
  const reason = command.reason.trim();
  if (!reason) throw new InvalidInputError('reason', '请填写取消原因');
  const event = await lockEvent(uow, command.eventId, communityId);
  event.status = nextEventStatus(event.status, 'CANCEL');
  event.cancelReason = reason;
  for (const registration of await uow.em.find(Registration, { event, status: { $in: LIVE_REGISTRATION } })) {
    await cancelLockedRegistration(
      uow.em,
      uow.events,
      event,
      registration,
      {
        reason: `活动取消：${reason}`,
        cause: 'EVENT_CANCELLED',
      },
      now,
    );
  }
  uow.events.record(EventCancelled, { eventId: event.id, reason, cancelledAt: now.toISOString() });
  await uow.em.flush();
  return event;
}

/** Adds a programme item (节目) to a gala that has not finished yet. */
export async function addProgrammeItem(
  uow: UnitOfWork,
  command: {
    eventId: string;
    title: string;
    form: string;
    teamId?: string | null;
    performers?: string | null;
    durationMinutes: number;
  },
  communityId: string,
): Promise<ProgrammeItem> {
  const event = await lockEvent(uow, command.eventId, communityId);
  if (event.type !== 'GALA') throw new InvalidInputError('eventId', '只有晚会有节目单');
  if (event.status === 'COMPLETED' || event.status === 'CANCELLED') nextEventStatus(event.status, 'START');
  if (!command.title.trim()) throw new InvalidInputError('title', '节目名称不能为空');
  if (!command.form.trim()) throw new InvalidInputError('form', '节目形式不能为空');
  if (!Number.isInteger(command.durationMinutes) || command.durationMinutes < 1 || command.durationMinutes > 180) {
    throw new InvalidInputError('durationMinutes', '节目时长须为 1–180 分钟');
  }
  const team = command.teamId ? await uow.em.findOne(Team, { id: command.teamId, communityId }) : null;
  if (command.teamId && !team) throw new InvalidInputError('teamId', `团队 ${command.teamId} 不存在`);
  if (team) checkTeamMayAct(team, 'teamId');
  const programme = await uow.em.find(ProgrammeItem, { event }, { fields: ['durationMinutes'] });
  checkProgrammeFits(
    programme.reduce((sum, item) => sum + item.durationMinutes, command.durationMinutes),
    event,
    'durationMinutes',
  );
  const position = programme.length + 1;
  const item = uow.em.create(ProgrammeItem, {
    id: newId(),
    communityId,
    event,
    position,
    title: command.title.trim(),
    form: command.form.trim(),
    team,
    performers: command.performers?.trim() || null,
    durationMinutes: command.durationMinutes,
  });
  await uow.em.flush();
  return item;
}

export async function addSponsor(
  uow: UnitOfWork,
  command: { eventId: string; organizationId: string; contribution: string; amountFen?: number | null },
  communityId: string,
): Promise<EventSponsor> {
  const event = await uow.em.findOne(CommunityEvent, { id: command.eventId, communityId });
  if (!event) throw new NotFoundError('活动', command.eventId);
  if (!command.contribution.trim()) throw new InvalidInputError('contribution', '请填写赞助内容');
  await requireReference(uow.em, {
    kind: 'ORGANIZATION',
    id: command.organizationId,
    field: 'organizationId',
    communityId,
  });
  if (command.amountFen != null && (!Number.isInteger(command.amountFen) || command.amountFen < 0)) {
    throw new InvalidInputError('amountFen', '金额（分）须为非负整数');
  }
  const sponsor = uow.em.create(EventSponsor, {
    id: newId(),
    communityId,
    event,
    organizationId: command.organizationId,
    contribution: command.contribution.trim(),
    amountFen: command.amountFen ?? null,
  });
  await uow.em.flush();
  return sponsor;
}
