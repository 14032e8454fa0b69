import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import type { PartyMeetingType } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph, largestStatementResult } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { branchCompliance } from '../src/application/meetings.js';
import { attendanceRates, meetingCompliance } from '../src/domain/meeting-compliance.js';
import type { MeetingAttendanceStatus } from '../src/domain/vocabularies.js';
import { PartyMeeting, PartyMeetingAttendance, PartyOrganization } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/*
 * meetingCompliance (三会一课落实情况) loaded every meeting of the branch's year and every attendance of those meetings
 * (members × meetings rows) to count them in memory. It is answered by the database now: the months in which each
 * organisation held each type, and each member's attendances counted by status — rows that do not grow with the
 * meetings and attendances — with the same answer as the former computation (kept below as the reference).
 */
const TODAY = '2026-11-20';
const COMPLIANCE = `query($o: ID!, $y: Int!) { meetingCompliance(organizationId: $o, year: $y) {
  year periods { type period held required met ended } summary { type requiredPeriods metPeriods rate }
  attendance { member { id } present excused absent rate } } }`;

/** The former computation: every meeting and attendance of the year loaded and counted in memory. */
async function inMemory(em: EntityManager, organization: PartyOrganization, year: number, today: string) {
  const isGroup = organization.level === 'GROUP';
  const groups = isGroup ? [] : await em.find(PartyOrganization, { parent: organization.id, level: 'GROUP' });
  const meetings = await em.find(PartyMeeting, {
    organization: { $in: [organization.id, ...groups.map((g) => g.id)] },
    heldOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
  });
  const held = meetings.map((m) => ({ type: m.type, heldOn: m.heldOn, organizationId: m.organization.id }));
  const result = isGroup
    ? meetingCompliance({ branchId: '-', groupIds: [organization.id], year, meetings: held, today })
    : meetingCompliance({ branchId: organization.id, groupIds: groups.map((g) => g.id), year, meetings: held, today });
  const records = meetings.length
    ? await em.find(PartyMeetingAttendance, { meeting: { $in: meetings.map((m) => m.id) } })
    : [];
  return {
    periods: isGroup ? result.periods.filter((p) => p.type === 'GROUP_MEETING') : result.periods,
    summary: isGroup ? result.summary.filter((s) => s.type === 'GROUP_MEETING') : result.summary,
    attendance: attendanceRates(records),
  };
}

describe.each(testDialects())('meetingCompliance counted by the database on %s', (dialect) => {
  let service: TestSubgraph;
  let branch: string;
  let group: string;
  let other: string;
  let members: string[];
  let attendances = 0;

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const result = await service.graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const fresh = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      clock: new ManualClock(new Date(`${TODAY}T02:00:00Z`)),
    });
    const residents = ['mc-1', 'mc-2', 'mc-3', 'mc-4', 'mc-5'];
    await knownReferences(
      service,
      residents.map((id, i) => ({
        kind: 'RESIDENT' as const,
        id,
        birthDate: `19${60 + i}-01-01`,
        gender: i % 2 ? ('FEMALE' as const) : ('MALE' as const),
      })),
    );
    const create = async (input: Record<string, unknown>) =>
      (
        await gql(
          `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id } } }`,
          { input: { establishedOn: '2010-07-01', ...input } },
        )
      ).createPartyOrganization.organization.id as string;
    const committee = await create({ name: '社区党委', level: 'COMMITTEE' });
    branch = await create({ name: '第一党支部', level: 'BRANCH', parentId: committee });
    group = await create({ name: '第一党小组', level: 'GROUP', parentId: branch });
    other = await create({ name: '第二党支部', level: 'BRANCH', parentId: committee });
    const enrol = async (residentId: string, branchId: string, groupId: string | null) =>
      (
        await gql(`mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`, {
          input: { residentId, branchId, groupId, stage: 'FULL_MEMBER', fullMemberOn: '2000-07-01' },
        })
      ).enrolPartyMember.member.id as string;
    members = [
      await enrol('mc-1', branch, group),
      await enrol('mc-2', branch, group),
      await enrol('mc-3', branch, null),
      await enrol('mc-4', branch, null),
    ];
    const outsider = await enrol('mc-5', other, null);

    // several meetings of a type in most months (and none in some), attendance varied; other years and branches too
    const em = fresh();
    const statuses: MeetingAttendanceStatus[] = ['PRESENT', 'PRESENT', 'EXCUSED', 'PRESENT', 'ABSENT'];
    let n = 0;
    const meeting = (organizationId: string, type: PartyMeetingType, heldOn: string, attendees: string[]) => {
      const id = `mcm-${++n}`;
      em.create(PartyMeeting, {
        id,
        communityId: '350203008006',
        organization: organizationId,
        type,
        heldOn,
        topic: `会议 ${n}`,
      });
      attendees.forEach((memberId, i) => {
        em.create(PartyMeetingAttendance, {
          id: `${id}-${i}`,
          meeting: id,
          memberId,
          status: i === 0 ? 'PRESENT' : statuses[(n + i) % statuses.length],
        });
        if (heldOn.startsWith('2026-') && organizationId !== other) attendances++;
      });
    };
    const pad = (m: number) => String(m).padStart(2, '0');
    for (let month = 1; month <= 12; month++) {
      if (month === 4 || month === 9) continue; // periods not met
      const day = (d: number) => `2026-${pad(month)}-${pad(d)}`;
      for (const d of [3, 12, 24]) meeting(branch, 'COMMITTEE_MEETING', day(d), members);
      if (month % 3 === 1) for (const d of [5, 15]) meeting(branch, 'GENERAL_ASSEMBLY', day(d), members);
      if (month % 3 === 2) meeting(branch, 'PARTY_LECTURE', day(8), members);
      for (const d of [6, 20]) meeting(group, 'GROUP_MEETING', day(d), members.slice(0, 2));
      meeting(branch, 'THEMED_PARTY_DAY', day(1), members);
      meeting(other, 'COMMITTEE_MEETING', day(2), [outsider]);
    }
    meeting(branch, 'COMMITTEE_MEETING', '2025-12-30', members);
    meeting(group, 'GROUP_MEETING', '2027-01-02', members.slice(0, 2));
    await em.flush();
  });
  afterAll(() => service?.stop());

  /** The most rows any one statement of `work` returned (libs/subgraph `largestStatementResult`). */
  const largestResult = async (work: () => Promise<unknown>) =>
    (await largestStatementResult(service.orm, work)).largest;

  it('answers as the former computation, for a branch, a group, another year and a year without meetings', async () => {
    for (const [id, year] of [
      [branch, 2026],
      [group, 2026],
      [branch, 2025],
      [group, 2027],
      [other, 2026],
      [branch, 2024],
    ] as const) {
      const organization = await fresh().findOneOrFail(PartyOrganization, { id });
      const expected = await inMemory(fresh(), organization, year, TODAY);
      const actual = await branchCompliance(fresh(), organization, year, TODAY);
      expect({ periods: actual.periods, summary: actual.summary, attendance: actual.attendance }).toEqual(expected);
    }
    const answer = (await gql(COMPLIANCE, { o: branch, y: 2026 })).meetingCompliance;
    expect(answer.attendance.map((a: { member: { id: string } }) => a.member.id)).toEqual([...members].sort());
    expect(answer.periods.some((p: { held: number; met: boolean }) => !p.met)).toBe(true);
  });

  it('reads no statement whose rows grow with the meetings and attendances', async () => {
    expect(attendances).toBeGreaterThan(200);
    // the organisation, its group, (organisations × types × months) held, members × statuses tallies, the members
    const largest = await largestResult(() => gql(COMPLIANCE, { o: branch, y: 2026 }));
    expect(largest).toBeLessThanOrEqual(40);
  });
});
