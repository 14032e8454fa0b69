import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { partybuildingRuleViolations } from '../src/application/rule-audit.js';
import { PartyMeeting, PartyMeetingAttendance, PartyOrganization } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/*
 * A meeting nobody attended is not a meeting held (acceptance walk through the gateway, 2026-12-06): recorded with an
 * empty attendance list it counted in the branch's 三会一课 compliance and attendance rates. A recorded meeting has
 * at least one member of the holding organisation present; the API refuses any other, and the rule audit names a
 * stored one.
 */
const RECORD = `mutation($input: RecordPartyMeetingInput!) { recordPartyMeeting(input: $input) { meeting { id } } }`;
const TODAY = '2026-03-15';
const HELD = 'shequ.partybuilding.meeting.held';

describe.each(testDialects())('a meeting is held only if a member attended, on %s', (dialect) => {
  let service: TestSubgraph;
  let branch: string;
  let group: string;
  let inGroup: string;
  let inBranch: string;

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const result = await service.graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const written = async () => {
    const em = service.orm.em.fork();
    return [
      await em.count(PartyMeeting, {}),
      await em.count(PartyMeetingAttendance, {}),
      await em.count(OutboxMessage, { subject: HELD }),
    ];
  };

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      clock: new ManualClock(new Date(`${TODAY}T02:00:00Z`)),
    });
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'ma-1', birthDate: '1960-01-01', gender: 'MALE' },
      { kind: 'RESIDENT', id: 'ma-2', birthDate: '1970-01-01', gender: 'FEMALE' },
    ]);
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
    const enrol = async (residentId: string, groupId: string | null) =>
      (
        await gql(`mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`, {
          input: {
            residentId,
            branchId: branch,
            groupId,
            stage: 'FULL_MEMBER',
            fullMemberOn: '2000-07-01',
          },
        })
      ).enrolPartyMember.member.id as string;
    inGroup = await enrol('ma-1', group);
    inBranch = await enrol('ma-2', null);
  });
  afterAll(() => service?.stop());

  it('refuses a meeting with an empty attendance list, naming attendance, and writes nothing', async () => {
    const before = await written();
    const empty = await service.graphql(RECORD, {
      input: {
        organizationId: branch,
        type: 'THEMED_PARTY_DAY',
        heldOn: '2026-03-10',
        topic: '主题党日',
        attendance: [],
      },
    });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendance' });
    expect(empty.errors?.[0]?.message).toContain('出席');
    expect(await written()).toEqual(before);
    const compliance = await gql(
      `query($o: ID!) { meetingCompliance(organizationId: $o, year: 2026) { periods { held } attendance { present } } }`,
      { o: branch },
    );
    expect(compliance.meetingCompliance.attendance).toEqual([]);
    expect(JSON.stringify(compliance)).not.toMatch(/"held":[1-9]/);
  });

  it('refuses a meeting every listed member missed (excused or absent), and writes nothing', async () => {
    const before = await written();
    const nobodyCame = await service.graphql(RECORD, {
      input: {
        organizationId: branch,
        type: 'COMMITTEE_MEETING',
        heldOn: '2026-03-05',
        topic: '支委会',
        attendance: [
          { memberId: inGroup, status: 'EXCUSED' },
          { memberId: inBranch, status: 'ABSENT' },
        ],
      },
    });
    expect(nobodyCame.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendance' });
    expect(await written()).toEqual(before);
  });

  it('records a meeting one member of the holding organisation attended', async () => {
    await gql(RECORD, {
      input: {
        organizationId: group,
        type: 'GROUP_MEETING',
        heldOn: '2026-03-06',
        topic: '小组学习',
        attendance: [{ memberId: inGroup, status: 'PRESENT' }],
      },
    });
    await gql(RECORD, {
      input: {
        organizationId: branch,
        type: 'COMMITTEE_MEETING',
        heldOn: '2026-03-05',
        topic: '支委会',
        attendance: [
          { memberId: inGroup, status: 'EXCUSED' },
          { memberId: inBranch, status: 'PRESENT' },
        ],
      },
    });
    expect(await written()).toEqual([2, 3, 2]);
  });

  it('the rule audit names a stored meeting nobody attended, whatever wrote it', async () => {
    const em = service.orm.em.fork();
    const holder = await em.findOneOrFail(PartyOrganization, branch);
    // as a seed or an import might have written them, past the API
    em.create(PartyMeeting, {
      id: 'ma-no-attendance',
      communityId: holder.communityId,
      organization: holder,
      type: 'THEMED_PARTY_DAY',
      heldOn: '2026-02-10',
      topic: '主题党日',
    });
    const absentOnly = em.create(PartyMeeting, {
      id: 'ma-absent-only',
      communityId: holder.communityId,
      organization: holder,
      type: 'GENERAL_ASSEMBLY',
      heldOn: '2026-02-20',
      topic: '党员大会',
    });
    em.create(PartyMeetingAttendance, { id: 'ma-absent-1', meeting: absentOnly, memberId: inBranch, status: 'ABSENT' });
    await em.flush();
    const meetingLines = (await partybuildingRuleViolations(service.orm.em.fork(), TODAY)).filter((line) =>
      line.startsWith('会议 '),
    );
    expect(meetingLines.sort()).toEqual([
      '会议 ma-absent-only: 不符合规则「会议须有本组织党员出席」（attendance）',
      '会议 ma-no-attendance: 不符合规则「会议须有本组织党员出席」（attendance）',
    ]);
  });
});
