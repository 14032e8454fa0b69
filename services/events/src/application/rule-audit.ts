import type { EntityManager } from '@mikro-orm/core';
import {
  addDays,
  communityDay,
  CommunityEventStatuses,
  labelOf,
  RegistrationStatuses,
  startOfCommunityDay,
  type CommunityEventStatus,
  type RegistrationStatus,
} from '@shequ/contracts';
import { ReferenceProjection, ruleBreaches } from '@shequ/subgraph';
import { checkAudience } from '../domain/audience-rule.js';
import { checkProgrammeFits } from '../domain/gala-plan.js';
import {
  checkRehearsalHistory,
  checkStartNotBeforePlanning,
  checkStartTime,
  statusForSeats,
  UPCOMING_EVENT_STATUSES,
} from '../domain/event-lifecycle.js';
import { holdsSeat, LIVE_REGISTRATION } from '../domain/registration-policy.js';
import { checkTeamAwardedOn, checkTeamFoundedOn, checkTeamJoinedOn, checkTeamLeftOn } from '../domain/team-dates.js';
import {
  checkCapacityFitsVenue,
  checkTimeRange,
  checkVenueCapacity,
  checkVenuePhotos,
  checkVenueFree,
  type Booking,
} from '../domain/venue-booking.js';
import { minutesServed } from './volunteers.js';
import {
  CommunityEvent,
  EventSponsor,
  ProgrammeItem,
  Registration,
  ResidentProfile,
  Team,
  TeamAward,
  TeamMember,
  Venue,
  VolunteerService,
  VolunteerShift,
} from '../entities/index.js';

/** A resident's facts as residents records them (its own database, or the reference projection). */
export interface EventResidentFacts {
  birthDate: string | null;
  status: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * In which states of its event a registration of each status can be: nobody registers before an event opens
 * (`decideRegistration`), the confirmed become no-shows when it completes (`completeEvent`), check-in happens while it
 * runs (`checkCheckInAllowed`), and a cancelled event keeps no live registration (`cancelEvent`).
 */
const EVENT_STATES_OF: Record<RegistrationStatus, readonly CommunityEventStatus[]> = {
  CONFIRMED: ['OPEN', 'FULL', 'ONGOING'],
  WAITLISTED: ['OPEN', 'FULL', 'ONGOING', 'COMPLETED'],
  ATTENDED: ['ONGOING', 'COMPLETED'],
  NO_SHOW: ['COMPLETED'],
  CANCELLED: ['OPEN', 'FULL', 'ONGOING', 'COMPLETED', 'CANCELLED'],
};

/**
 * Every rule of the events API checked over what is stored, whatever wrote it (the API, a seed, the district
 * generator, an event handler): the same domain functions the application layer calls, read as history up to the end
 * of `today` (community day). Returns one line per breach (empty when the data keeps every rule). `residents`:
 * residents' record of each person (by default the service's reference projection, with the birth date the service's
 * resident profile holds, which is what the API reads; a system test passes residents' own rows).
 */
export async function eventsRuleViolations(
  em: EntityManager,
  today: string,
  residents?: ReadonlyMap<string, EventResidentFacts>,
): Promise<string[]> {
  const { problems, check } = ruleBreaches();
  // history up to the end of today
  const now = startOfCommunityDay(addDays(today, 1));
  const profiles = new Map((await em.find(ResidentProfile, {})).map((p) => [p.residentId, p]));
  const references = await em.find(ReferenceProjection, { kind: { $in: ['RESIDENT', 'ORGANIZATION'] } });
  const organizations = new Set(references.filter((r) => r.kind === 'ORGANIZATION').map((r) => r.id));
  const facts: ReadonlyMap<string, EventResidentFacts> =
    residents ??
    new Map(
      references
        .filter((r) => r.kind === 'RESIDENT')
        .map((r) => [r.id, { birthDate: profiles.get(r.id)?.birthDate ?? r.birthDate, status: r.status }]),
    );
  /** The day a resident left (died, or moved away and not back), as the service's resident profile records it. */
  const leftOn = (residentId: string): string | undefined => {
    const profile = profiles.get(residentId);
    const movedOutOn = facts.get(residentId)?.status === 'ACTIVE' ? null : profile?.movedOutOn;
    return [profile?.diedOn, movedOutOn].filter((d): d is string => !!d).sort()[0];
  };
  const requireOrganization = (what: string, id: string) => {
    if (!organizations.has(id)) problems.push(`${what}: 单位 ${id} 不存在`);
  };

  // 场地
  const venues = await em.find(Venue, {});
  const venueById = new Map(venues.map((v) => [v.id, v]));
  for (const v of venues) {
    const what = `场地 ${v.id}`;
    if (!v.name.trim()) problems.push(`${what}: 场地名称为空`);
    check(what, '容纳人数', () => checkVenueCapacity(v.capacity));
    check(what, '存档照片', () => checkVenuePhotos(v.photoUrls ?? []));
    if (v.ownerOrganizationId) requireOrganization(what, v.ownerOrganizationId);
  }

  // 团队、团员、队长、获奖
  const teams = await em.find(Team, {});
  const members = await em.find(TeamMember, {});
  const liveMembers = new Map<string, Set<string>>();
  const teamById = new Map(teams.map((t) => [t.id, t]));
  for (const m of members) {
    const what = `团员 ${m.id}`;
    if (!DATE.test(m.joinedOn)) problems.push(`${what}: 入团日期 ${m.joinedOn} 格式不对`);
    const team = teamById.get(m.team.id);
    if (team) check(what, '入团日期', () => checkTeamJoinedOn(m.joinedOn, team, today));
    if (m.leftOn !== null) {
      const leftOn = m.leftOn;
      if (!DATE.test(leftOn)) problems.push(`${what}: 离团日期 ${leftOn} 格式不对`);
      check(what, '离团日期', () => checkTeamLeftOn(leftOn, m, today));
      continue;
    }
    const live = liveMembers.get(m.team.id) ?? new Set<string>();
    if (live.has(m.residentId)) problems.push(`${what}: 居民 ${m.residentId} 在团队 ${m.team.id} 重复在册`);
    live.add(m.residentId);
    liveMembers.set(m.team.id, live);
    // a member who died or moved away leaves the team (residents' events); a new one is a current resident
    const person = facts.get(m.residentId);
    if (!person) problems.push(`${what}: 居民 ${m.residentId} 不存在`);
    else if (person.status !== 'ACTIVE' || leftOn(m.residentId))
      problems.push(`${what}: 居民 ${m.residentId} 已不在册，仍为团队现有成员`);
  }
  for (const t of teams) {
    const what = `团队 ${t.id}`;
    if (!t.name.trim()) problems.push(`${what}: 团队名称为空`);
    if (t.foundedOn !== null && !DATE.test(t.foundedOn)) problems.push(`${what}: 成立日期 ${t.foundedOn} 格式不对`);
    check(what, '成立日期', () => checkTeamFoundedOn(t.foundedOn, today));
    if (t.leaderResidentId && !liveMembers.get(t.id)?.has(t.leaderResidentId))
      problems.push(`${what}: 队长 ${t.leaderResidentId} 不是团队现有成员`);
  }
  for (const a of await em.find(TeamAward, {})) {
    const what = `获奖 ${a.id}`;
    if (!a.title.trim()) problems.push(`${what}: 奖项名称为空`);
    if (!DATE.test(a.awardedOn)) problems.push(`${what}: 获奖日期 ${a.awardedOn} 格式不对`);
    if (!a.awardedBy.trim()) problems.push(`${what}: 颁奖单位为空`);
    const team = teamById.get(a.team.id);
    if (team) check(what, '获奖日期', () => checkTeamAwardedOn(a.awardedOn, team, today));
  }

  // 活动: time, venue, organiser, rehearsal, state
  const events = await em.find(CommunityEvent, {});
  const eventById = new Map(events.map((e) => [e.id, e]));
  for (const e of events) {
    const what = `活动 ${e.id}`;
    if (!e.title.trim()) problems.push(`${what}: 活动名称为空`);
    if (!CommunityEventStatuses.codes.includes(e.status))
      problems.push(`${what}: 状态 ${labelOf(CommunityEventStatuses, e.status)} 不存在`);
    check(what, '活动时间', () => checkTimeRange(e.startsAt, e.endsAt));
    // planned ahead: the start not before the planning (unknown for events planned before it was recorded)
    const plannedAt = e.plannedAt;
    if (plannedAt) {
      check(what, '活动提前安排', () => checkStartNotBeforePlanning(e.startsAt, plannedAt));
      if (plannedAt.getTime() > now.getTime()) problems.push(`${what}: 安排时间晚于今天`);
    }
    check(what, '名额不超过场地容纳人数', () =>
      checkCapacityFitsVenue(e.capacity, e.venue ? (venueById.get(e.venue.id)?.capacity ?? null) : null),
    );
    const organiser = [e.organiserDepartment, e.organiserTeamId, e.organiserOrganizationId].filter((x) => x !== null);
    if (organiser.length !== 1) problems.push(`${what}: 主办方须恰有一个（部门、团队或单位）`);
    if (e.organiserKind === 'DEPARTMENT' && !e.organiserDepartment) problems.push(`${what}: 部门主办须指明部门`);
    if (
      e.organiserKind === 'TEAM' &&
      !(e.organiserTeamId && teamById.get(e.organiserTeamId)?.communityId === e.communityId)
    )
      problems.push(`${what}: 主办团队 ${e.organiserTeamId} 不存在`);
    if (e.organiserKind === 'ORGANIZATION') {
      if (!e.organiserOrganizationId) problems.push(`${what}: 共建单位主办须指明单位`);
      else requireOrganization(what, e.organiserOrganizationId);
    }
    if (e.rehearsalForId) {
      const gala = eventById.get(e.rehearsalForId);
      if (e.type !== 'REHEARSAL') problems.push(`${what}: 只有排练可以关联晚会`);
      if (!gala) problems.push(`${what}: 排练关联的活动 ${e.rehearsalForId} 不存在`);
      else check(what, '排练与晚会', () => checkRehearsalHistory(e, gala));
    }
    // started (check-in opened) on its day at the earliest
    if (e.status === 'ONGOING' || e.status === 'COMPLETED')
      check(what, '活动当天方可开始', () => checkStartTime(e.startsAt, now));
    if ((e.status === 'CANCELLED') !== (e.cancelReason !== null && e.cancelReason.trim() !== ''))
      problems.push(`${what}: 取消原因与状态 ${labelOf(CommunityEventStatuses, e.status)} 不符`);
  }
  // the same venue never booked twice at once (cancelled events free it)
  const byVenue = new Map<string, CommunityEvent[]>();
  for (const e of events)
    if (e.venue && e.status !== 'CANCELLED') byVenue.set(e.venue.id, [...(byVenue.get(e.venue.id) ?? []), e]);
  for (const [venueId, booked] of byVenue) {
    booked.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    let running: Booking[] = [];
    for (const e of booked) {
      running = running.filter((b) => b.endsAt.getTime() > e.startsAt.getTime());
      check(`活动 ${e.id}`, '场地不重复预订', () =>
        checkVenueFree(venueById.get(venueId)?.name ?? venueId, e, running),
      );
      running.push(e);
    }
  }

  // 报名 and 签到
  const registrations = await em.find(Registration, {});
  const byEvent = new Map<string, Registration[]>();
  for (const r of registrations) byEvent.set(r.event.id, [...(byEvent.get(r.event.id) ?? []), r]);
  for (const e of events) {
    const what = `活动 ${e.id}`;
    const list = byEvent.get(e.id) ?? [];
    const confirmed = list.filter((r) => r.status === 'CONFIRMED').length;
    const seats = list.filter((r) => holdsSeat(r.status)).length;
    if (e.capacity !== null && seats > e.capacity) problems.push(`${what}: 占用名额 ${seats} 超过名额 ${e.capacity}`);
    if (e.status === 'OPEN' || e.status === 'FULL') {
      // FULL when no seat is left, OPEN while one is (statusForSeats after every registration and cancellation)
      const expected = statusForSeats(e.status, e.capacity, confirmed);
      if (expected !== e.status)
        problems.push(
          `${what}: 已确认 ${confirmed} 人、名额 ${e.capacity ?? '不限'}，状态应为 ${labelOf(CommunityEventStatuses, expected)}`,
        );
      // a released seat goes to the first on the waitlist: nobody waits while a seat is free
      if (list.some((r) => r.status === 'WAITLISTED') && (e.capacity === null || confirmed < e.capacity))
        problems.push(`${what}: 尚有空余名额，仍有居民候补`);
    }
    const seen = new Set<string>();
    for (const r of list) {
      if (r.status === 'CANCELLED') continue;
      if (seen.has(r.residentId)) problems.push(`${what}: 居民 ${r.residentId} 重复报名`);
      seen.add(r.residentId);
    }
  }
  for (const r of registrations) {
    const what = `报名 ${r.id}`;
    const event = eventById.get(r.event.id)!;
    if (!EVENT_STATES_OF[r.status]) {
      problems.push(`${what}: 状态 ${labelOf(RegistrationStatuses, r.status)} 不存在`);
      continue;
    }
    if (!EVENT_STATES_OF[r.status].includes(event.status))
      problems.push(
        `${what}: 活动为「${labelOf(CommunityEventStatuses, event.status)}」，报名不能为「${labelOf(RegistrationStatuses, r.status)}」`,
      );
    if (r.registeredAt.getTime() > now.getTime()) problems.push(`${what}: 报名时间晚于今天`);
    // 签到: only at a running event (started on its day at the earliest), before now
    if ((r.status === 'ATTENDED') !== (r.attendedAt !== null))
      problems.push(`${what}: 签到时间与状态 ${labelOf(RegistrationStatuses, r.status)} 不符`);
    if (r.attendedAt) {
      check(`${what} 签到`, '活动开始后方可签到', () => checkStartTime(event.startsAt, r.attendedAt!));
      if (r.attendedAt.getTime() > now.getTime()) problems.push(`${what}: 签到时间晚于今天`);
      if (r.attendedAt < r.registeredAt) problems.push(`${what}: 签到早于报名`);
    }
    if ((r.status === 'CANCELLED') !== (r.cancelledAt !== null && !!r.cancelReason))
      problems.push(`${what}: 取消时间或原因与状态 ${labelOf(RegistrationStatuses, r.status)} 不符`);
    if (r.cancelledAt && (r.cancelledAt < r.registeredAt || r.cancelledAt.getTime() > now.getTime()))
      problems.push(`${what}: 取消时间不在报名与今天之间`);
    const person = facts.get(r.residentId);
    if (!person) {
      problems.push(`${what}: 居民 ${r.residentId} 不存在`);
      continue;
    }
    // a resident registers while they are one: born, not dead (registerForEvent)
    const registeredOn = communityDay(r.registeredAt);
    // (the dates are the person's or bound them: the line names the rule only)
    if (person.birthDate && person.birthDate > registeredOn) problems.push(`${what}: 报名早于居民出生`);
    const diedOn = profiles.get(r.residentId)?.diedOn;
    if (diedOn && diedOn < registeredOn) problems.push(`${what}: 报名晚于居民登记的死亡日期`);
    // the audience on the day of the event (checked at registration, and again for the live ones when it moves)
    if (r.status !== 'CANCELLED')
      check(what, '活动面向人群的年龄', () => checkAudience(event.audience, person.birthDate, event.startsAt));
    // one who died or moved away keeps no place at an event still to come (releaseFutureRegistrations)
    if (
      LIVE_REGISTRATION.includes(r.status) &&
      UPCOMING_EVENT_STATUSES.includes(event.status) &&
      event.startsAt.getTime() > now.getTime() &&
      (person.status !== 'ACTIVE' || leftOn(r.residentId))
    )
      problems.push(`${what}: 居民 ${r.residentId} 已不在册，仍占有未开始活动的名额或候补`);
  }

  // 节目单 and 赞助
  const items = await em.find(ProgrammeItem, {});
  const positions = new Map<string, number[]>();
  for (const item of items) {
    const what = `节目 ${item.id}`;
    const event = eventById.get(item.event.id)!;
    if (event.type !== 'GALA') problems.push(`${what}: 只有晚会有节目单`);
    if (!item.title.trim()) problems.push(`${what}: 节目名称为空`);
    if (!item.form.trim()) problems.push(`${what}: 节目形式为空`);
    if (!Number.isInteger(item.durationMinutes) || item.durationMinutes < 1 || item.durationMinutes > 180)
      problems.push(`${what}: 节目时长 ${item.durationMinutes} 不在 1–180 分钟内`);
    positions.set(event.id, [...(positions.get(event.id) ?? []), item.position]);
  }
  const programmeMinutes = new Map<string, number>();
  for (const item of items)
    programmeMinutes.set(item.event.id, (programmeMinutes.get(item.event.id) ?? 0) + item.durationMinutes);
  for (const [eventId, minutes] of programmeMinutes) {
    const gala = eventById.get(eventId)!;
    check(`活动 ${eventId}`, '节目单不超过晚会时长', () => checkProgrammeFits(minutes, gala, 'durationMinutes'));
  }
  for (const [eventId, list] of positions) {
    // each new item goes last (position = items so far + 1)
    const sorted = [...list].sort((a, b) => a - b);
    if (sorted.some((p, i) => p !== i + 1)) problems.push(`活动 ${eventId}: 节目序号 ${sorted.join(',')} 不连续`);
  }
  for (const s of await em.find(EventSponsor, {})) {
    const what = `赞助 ${s.id}`;
    if (!s.contribution.trim()) problems.push(`${what}: 赞助内容为空`);
    if (s.amountFen !== null && (!Number.isInteger(s.amountFen) || s.amountFen < 0))
      problems.push(`${what}: 金额（分）${s.amountFen} 不是非负整数`);
    requireOrganization(what, s.organizationId);
  }

  // 志愿服务班次 and 时长
  const shifts = await em.find(VolunteerShift, {});
  const shiftById = new Map(shifts.map((s) => [s.id, s]));
  for (const s of shifts) {
    const what = `志愿班次 ${s.id}`;
    if (!s.role.trim()) problems.push(`${what}: 岗位为空`);
    check(what, '班次时间', () => checkTimeRange(s.startsAt, s.endsAt));
    const plannedAt = s.plannedAt;
    if (plannedAt) {
      check(what, '班次提前安排', () => checkStartNotBeforePlanning(s.startsAt, plannedAt));
      if (plannedAt.getTime() > now.getTime()) problems.push(`${what}: 安排时间晚于今天`);
    }
  }
  for (const v of await em.find(VolunteerService, {})) {
    const what = `志愿时长 ${v.id}`;
    const shift = shiftById.get(v.shift.id)!;
    check(what, '服务时长不超过班次', () => {
      if (minutesServed(shift, v.minutes) !== v.minutes) throw new Error('服务时长不符');
    });
    const servedOn = communityDay(shift.startsAt);
    if (v.servedOn !== servedOn) problems.push(`${what}: 服务日期 ${v.servedOn} 不是班次的日期 ${servedOn}`);
    // recorded once the shift had started, not after today
    if (v.recordedAt < shift.startsAt) problems.push(`${what}: 班次尚未开始时记录了服务时长`);
    if (v.recordedAt.getTime() > now.getTime()) problems.push(`${what}: 记录时间晚于今天`);
    const person = facts.get(v.residentId);
    if (!person) problems.push(`${what}: 居民 ${v.residentId} 不存在`);
    const left = leftOn(v.residentId);
    if (left && left < servedOn) problems.push(`${what}: 服务日期晚于居民离开社区（死亡或迁出）的日期`);
    if (person?.birthDate && person.birthDate > servedOn) problems.push(`${what}: 服务日期早于居民出生`);
  }
  return problems;
}
