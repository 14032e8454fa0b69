import { communityDay, VolunteerHoursRecorded } from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireReference, type UnitOfWork } from '@shequ/subgraph';
import { checkStartNotBeforePlanning } from '../domain/event-lifecycle.js';
import { checkTimeRange } from '../domain/venue-booking.js';
import { CommunityEvent } from '../entities/community-event.js';
import { ResidentProfile } from '../entities/resident-profile.js';
import { VolunteerService, VolunteerShift } from '../entities/volunteer-shift.js';

export async function createVolunteerShift(
  uow: UnitOfWork,
  command: { eventId?: string | null; role: string; startsAt: Date; endsAt: Date },
  communityId: string,
  now: Date,
): Promise<VolunteerShift> {
  if (!command.role.trim()) throw new InvalidInputError('role', '岗位不能为空');
  checkTimeRange(command.startsAt, command.endsAt);
  checkStartNotBeforePlanning(command.startsAt, now);
  const event = command.eventId ? await uow.em.findOne(CommunityEvent, { id: command.eventId, communityId }) : null;
  if (command.eventId && !event) throw new InvalidInputError('eventId', `活动 ${command.eventId} 不存在`);
  if (event?.status === 'CANCELLED')
    throw new ConflictError('活动已取消，不能再安排志愿岗位', { status: event.status });
  const shift = uow.em.create(VolunteerShift, {
    id: newId(),
    communityId,
    event,
    role: command.role.trim(),
    startsAt: command.startsAt,
    endsAt: command.endsAt,
    plannedAt: now,
  });
  await uow.em.flush();
  return shift;
}

/** Minutes served, at most the length of the shift; defaults to the whole shift. */
export function minutesServed(shift: { startsAt: Date; endsAt: Date }, minutes: number | null | undefined): number {
  const length = Math.round((shift.endsAt.getTime() - shift.startsAt.getTime()) / 60_000);
  if (minutes == null) return length;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > length)
    throw new InvalidInputError('minutes', `服务时长须为 1–${length} 分钟（班次时长）`);
  return minutes;
}

/** Records a volunteer's hours in a shift that has started; publishes volunteer_hours.recorded. */
export async function recordVolunteerHours(
  uow: UnitOfWork,
  command: { shiftId: string; residentId: string; minutes?: number | null },
  communityId: string,
  now: Date,
): Promise<VolunteerService> {
  // the shift locked (PostgreSQL `FOR UPDATE`): concurrent records of one volunteer in it are checked one after the other
  const shift = await uow.em.findOne(
    VolunteerShift,
    { id: command.shiftId, communityId },
    { ...forUpdate(uow.em), refresh: true },
  );
  if (!shift) throw new NotFoundError('志愿服务班次', command.shiftId);
  // createVolunteerShift refuses a cancelled event; a shift made before the cancellation takes no hours after it.
  const event = shift.event ? await uow.em.findOne(CommunityEvent, shift.event.id) : null;
  if (event?.status === 'CANCELLED')
    throw new ConflictError('该班次所属活动已取消，不能记录服务时长', { field: 'shiftId', status: 'CANCELLED' });
  const resident = await requireReference(uow.em, {
    kind: 'RESIDENT',
    id: command.residentId,
    field: 'residentId',
    communityId,
    current: false,
  });
  // a past shift may be recorded for someone who has left since, not for a day after they died or moved away
  const servedOn = communityDay(shift.startsAt);
  const profile = await uow.em.findOne(ResidentProfile, { residentId: command.residentId });
  // (a move out counts while they are away: one who came back, ACTIVE again, serves as before)
  const movedOutOn = resident.status === 'ACTIVE' ? null : profile?.movedOutOn;
  const leftOn = [profile?.diedOn, movedOutOn].filter((d): d is string => !!d).sort()[0];
  if (leftOn && leftOn < servedOn)
    throw new InvalidInputError(
      'residentId',
      `该居民已于 ${leftOn} ${leftOn === profile?.diedOn ? '登记死亡' : '迁出社区'}，不能记录 ${servedOn} 的服务时长`,
    );
  const minutes = minutesServed(shift, command.minutes);
  if (shift.startsAt.getTime() > now.getTime())
    throw new ConflictError('班次尚未开始，不能记录服务时长', { field: 'shiftId' });
  if ((await uow.em.count(VolunteerService, { shift, residentId: command.residentId })) > 0) {
    throw new ConflictError('该志愿者在此班次的时长已记录', { field: 'residentId' });
  }
  const service = uow.em.create(VolunteerService, {
    id: newId(),
    communityId,
    shift,
    residentId: command.residentId,
    minutes,
    servedOn,
    recordedAt: now,
  });
  uow.events.record(VolunteerHoursRecorded, {
    shiftId: shift.id,
    eventId: shift.event?.id ?? null,
    residentId: command.residentId,
    minutes,
    servedOn,
  });
  await uow.em.flush();
  return service;
}
