import type { EntityManager } from '@mikro-orm/core';
import {
  isIsoDate,
  labelOf,
  MeetingHeld,
  PartyMeetingTypes,
  PartyOrganizationLevels,
  type PartyMeetingType,
} from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { newRecordId, type UnitOfWork } from '@shequ/subgraph';
import {
  attendanceRates,
  checkMeetingAttendance,
  meetingCompliance,
  meetingHolderAllowed,
  type AttendanceTally,
  type CompliancePeriod,
  type ComplianceSummary,
} from '../domain/meeting-compliance.js';
import { checkMemberAliveOn } from '../domain/member-death.js';
import { branchesUnder } from '../domain/organization-tree.js';
import type { MeetingAttendanceStatus } from '../domain/vocabularies.js';
import { PartyMeeting, PartyMeetingAttendance, PartyMember, PartyOrganization } from '../entities/index.js';
import { loadOrganization } from './organizations.js';

export interface RecordMeetingCommand {
  organizationId: string;
  type: PartyMeetingType;
  heldOn: string;
  topic: string;
  speaker?: string | null;
  minutes?: string | null;
  attendance: Array<{ memberId: string; status: MeetingAttendanceStatus }>;
}

/**
 * Members who may be listed at a meeting of `organization`: those on the register (在册: not transferred out, not
 * struck off) of the group, of the branch, or of every 党支部 under a 党总支 or 党委 at any depth.
 */
async function membersOf(em: EntityManager, organization: PartyOrganization): Promise<PartyMember[]> {
  const onRegister = { status: 'ACTIVE' as const };
  if (organization.level === 'GROUP') return em.find(PartyMember, { group: organization.id, ...onRegister });
  if (organization.level === 'BRANCH') return em.find(PartyMember, { branch: organization.id, ...onRegister });
  const tree = (await em.find(PartyOrganization, { communityId: organization.communityId })).map((o) => ({
    id: o.id,
    level: o.level,
    parentId: o.parent?.id ?? null,
  }));
  return em.find(PartyMember, { branch: { $in: branchesUnder(organization.id, tree) }, ...onRegister });
}

/**
 * Records a meeting held, with attendance of the organisation's members (at least one of them present:
 * checkMeetingAttendance); publishes meeting.held.
 */
export async function recordMeeting(
  uow: UnitOfWork,
  command: RecordMeetingCommand,
  communityId: string,
  today: string,
): Promise<PartyMeeting> {
  const organization = await loadOrganization(uow, command.organizationId, communityId, 'organizationId');
  if (!meetingHolderAllowed(command.type, organization.level))
    throw new InvalidInputError(
      'type',
      `「${labelOf(PartyOrganizationLevels, organization.level)}」不召开「${labelOf(PartyMeetingTypes, command.type)}」`,
    );
  if (!isIsoDate(command.heldOn) || command.heldOn > today)
    throw new InvalidInputError('heldOn', '召开日期须为不晚于今天的 YYYY-MM-DD');
  if (organization.establishedOn && command.heldOn < organization.establishedOn)
    throw new InvalidInputError(
      'heldOn',
      `召开日期不能早于该党组织的成立日期（${organization.establishedOn}），收到 ${command.heldOn}`,
    );
  const topic = command.topic.trim();
  if (!topic) throw new InvalidInputError('topic', '会议主题不能为空');
  const onRegister = new Map((await membersOf(uow.em, organization)).map((m) => [m.id, m]));
  // nobody is listed at a meeting held after their death (residents' resident.deceased flags the file)
  command.attendance.forEach(({ memberId }, i) => {
    const member = onRegister.get(memberId);
    if (member) checkMemberAliveOn(member, command.heldOn, `attendance.${i}.memberId`, '列入其去世后召开的会议');
  });
  checkMeetingAttendance(command.attendance, new Set(onRegister.keys()));
  const meeting = uow.em.create(PartyMeeting, {
    id: newRecordId(uow, 'party-meeting'),
    communityId,
    organization,
    type: command.type,
    heldOn: command.heldOn,
    topic,
    speaker: command.speaker?.trim() || null,
    minutes: command.minutes ?? null,
  });
  for (const { memberId, status } of command.attendance)
    uow.em.create(PartyMeetingAttendance, {
      id: newRecordId(uow, 'party-meeting-attendance'),
      meeting,
      memberId,
      status,
    });
  const count = (s: MeetingAttendanceStatus) => command.attendance.filter((a) => a.status === s).length;
  uow.events.record(MeetingHeld, {
    meetingId: meeting.id,
    organizationId: organization.id,
    type: command.type,
    heldOn: command.heldOn,
    present: count('PRESENT'),
    excused: count('EXCUSED'),
    absent: count('ABSENT'),
  });
  await uow.em.flush();
  return meeting;
}

export interface BranchCompliance {
  organization: PartyOrganization;
  year: number;
  periods: CompliancePeriod[];
  summary: ComplianceSummary[];
  attendance: AttendanceTally[];
}

/**
 * meetingCompliance of one branch (or group: its 党小组会 only) for a year. Answered by the database: the months in
 * which each organisation held each type of meeting and each member's attendances counted by status (`group by`: at
 * most organisations × types × 12 and members × 3 rows, however many meetings and attendances there are).
 */
export async function branchCompliance(
  em: EntityManager,
  organization: PartyOrganization,
  year: number,
  today: string,
): Promise<BranchCompliance> {
  const isGroup = organization.level === 'GROUP';
  const groups = isGroup ? [] : await em.find(PartyOrganization, { parent: organization.id, level: 'GROUP' });
  const organizationIds = [organization.id, ...groups.map((g) => g.id)];
  const marks = organizationIds.map(() => '?').join(', ');
  const params = [...organizationIds, `${year}-01-01`, `${year}-12-31`];
  const held = (await em.getConnection().execute(
    `select "organization_id" as "organizationId", "type", substr("held_on", 1, 7) as "month"
     from "party_meeting"
     where "organization_id" in (${marks}) and "held_on" >= ? and "held_on" <= ?
     group by "organization_id", "type", substr("held_on", 1, 7)`,
    params,
  )) as Array<{ organizationId: string; type: PartyMeetingType; month: string }>;
  // a month stands for the meetings an organisation held of a type in it: several in one period count once
  const meetings = held.map((row) => ({
    type: row.type,
    heldOn: `${row.month}-01`,
    organizationId: row.organizationId,
  }));
  const result = isGroup
    ? meetingCompliance({ branchId: '-', groupIds: [organization.id], year, meetings, today })
    : meetingCompliance({ branchId: organization.id, groupIds: groups.map((g) => g.id), year, meetings, today });
  const periods = isGroup ? result.periods.filter((p) => p.type === 'GROUP_MEETING') : result.periods;
  const summary = isGroup ? result.summary.filter((s) => s.type === 'GROUP_MEETING') : result.summary;
  const tallies = (await em.getConnection().execute(
    `select a."member_id" as "memberId", a."status" as "status", count(*) as "n"
     from "party_meeting_attendance" a
     join "party_meeting" m on m."id" = a."meeting_id"
     where m."organization_id" in (${marks}) and m."held_on" >= ? and m."held_on" <= ?
     group by a."member_id", a."status"`,
    params,
  )) as Array<{ memberId: string; status: MeetingAttendanceStatus; n: number | string }>;
  const attendance = attendanceRates(
    tallies.map((t) => ({ memberId: t.memberId, status: t.status, count: Number(t.n) })),
  );
  return { organization, year, periods, summary, attendance };
}
