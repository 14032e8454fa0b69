import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { partybuildingService } from '../src/service.js';

const RECORD = `mutation($input: RecordPartyMeetingInput!) { recordPartyMeeting(input: $input) { meeting { id type heldOn attendance { status member { id } } } } }`;

describe.each(testDialects())('meetings, red-flag post, appraisals, training and statistics on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-01-15T02:00:00Z'));
  let branch: string;
  let group: string;
  const members: string[] = [];

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const result = await service.graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, { dialect, clock });
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'r1', birthDate: '1950-04-01', gender: 'MALE' },
      { kind: 'RESIDENT', id: 'r2', birthDate: '1988-04-01', gender: 'FEMALE' },
      { kind: 'RESIDENT', id: 'r3', birthDate: '2000-04-01', gender: 'FEMALE' },
      { kind: 'STAFF', id: 'staff-jisheng', department: 'FAMILY_PLANNING' },
      { kind: 'STAFF', id: 'staff-baozhang', department: 'SOCIAL_SECURITY' },
      { kind: 'STAFF', id: 'staff-other', department: 'FAMILY_PLANNING' },
      { kind: 'STAFF', id: 'staff-late', department: 'CULTURE' },
      { kind: 'STAFF', id: 'staff-zongzhi', department: 'COMPREHENSIVE_GOVERNANCE' },
    ]);
    const committee = (
      await gql(
        `mutation { createPartyOrganization(input: { name: "社区党委", level: COMMITTEE, establishedOn: "2005-07-01" }) { organization { id } } }`,
      )
    ).createPartyOrganization.organization.id;
    branch = (
      await gql(
        `mutation($p: ID!) { createPartyOrganization(input: { name: "第一党支部", level: BRANCH, parentId: $p, establishedOn: "2005-07-01" }) { organization { id } } }`,
        { p: committee },
      )
    ).createPartyOrganization.organization.id;
    group = (
      await gql(
        `mutation($p: ID!) { createPartyOrganization(input: { name: "第一党小组", level: GROUP, parentId: $p, establishedOn: "2005-07-01" }) { organization { id } } }`,
        { p: branch },
      )
    ).createPartyOrganization.organization.id;
    const people = [
      {
        residentId: 'r1',
        stage: 'FULL_MEMBER',
        fullMemberOn: '1980-07-01',
        birthDate: '1950-04-01',
        gender: 'MALE',
        memberType: 'RETIRED',
        groupId: group,
      },
      {
        residentId: 'r2',
        stage: 'FULL_MEMBER',
        fullMemberOn: '2015-07-01',
        birthDate: '1988-04-01',
        gender: 'FEMALE',
        memberType: 'EMPLOYED_REPORTING',
        groupId: group,
      },
      {
        residentId: 'r3',
        stage: 'APPLICANT',
        appliedOn: '2025-03-01',
        birthDate: '2000-04-01',
        gender: 'FEMALE',
        memberType: 'COMMUNITY',
      },
    ];
    for (const p of people)
      members.push(
        (
          await gql(`mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`, {
            input: { branchId: branch, ...p },
          })
        ).enrolPartyMember.member.id,
      );
  });
  afterAll(() => service?.stop());

  it('records meetings with attendance and publishes meeting.held with the head-counts', async () => {
    const assembly = await gql(RECORD, {
      input: {
        organizationId: branch,
        type: 'GENERAL_ASSEMBLY',
        heldOn: '2025-03-20',
        topic: '学习贯彻全会精神',
        speaker: '支部书记',
        minutes: '会议记录……',
        attendance: [
          { memberId: members[0], status: 'PRESENT' },
          { memberId: members[1], status: 'EXCUSED' },
          { memberId: members[2], status: 'ABSENT' },
        ],
      },
    });
    expect(assembly.recordPartyMeeting.meeting.attendance).toHaveLength(3);
    await gql(RECORD, {
      input: {
        organizationId: branch,
        type: 'COMMITTEE_MEETING',
        heldOn: '2025-01-08',
        topic: '研究发展党员',
        attendance: [{ memberId: members[0], status: 'PRESENT' }],
      },
    });
    await gql(RECORD, {
      input: {
        organizationId: group,
        type: 'GROUP_MEETING',
        heldOn: '2025-01-22',
        topic: '小组学习',
        attendance: [
          { memberId: members[0], status: 'PRESENT' },
          { memberId: members[1], status: 'PRESENT' },
        ],
      },
    });
    await gql(RECORD, {
      input: {
        organizationId: branch,
        type: 'PARTY_LECTURE',
        heldOn: '2025-11-01',
        topic: '党课：党史学习',
        attendance: [{ memberId: members[0], status: 'PRESENT' }],
      },
    });

    const events = (
      await service.orm.em.fork().find(OutboxMessage, { subject: 'shequ.partybuilding.meeting.held' })
    ).map((r) => JSON.parse(r.payload) as EventEnvelope<any>);
    expect(events.find((e) => e.data.type === 'GENERAL_ASSEMBLY')?.data).toMatchObject({
      organizationId: branch,
      heldOn: '2025-03-20',
      present: 1,
      excused: 1,
      absent: 1,
    });
  });

  it('refuses a meeting of the wrong organisation level, attendance of a non-member, a future date', async () => {
    const groupAtBranch = await service.graphql(RECORD, {
      input: { organizationId: branch, type: 'GROUP_MEETING', heldOn: '2025-02-01', topic: '小组会', attendance: [] },
    });
    expect(groupAtBranch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    const outsider = await service.graphql(RECORD, {
      input: {
        organizationId: group,
        type: 'GROUP_MEETING',
        heldOn: '2025-02-01',
        topic: '小组会',
        attendance: [{ memberId: members[2], status: 'PRESENT' }],
      },
    });
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendance.0.memberId' });
    const future = await service.graphql(RECORD, {
      input: { organizationId: branch, type: 'PARTY_LECTURE', heldOn: '2026-02-01', topic: '党课', attendance: [] },
    });
    expect(future.errors?.[0]?.extensions?.field).toBe('heldOn');
    // before the branch was established (2005-07-01): it was recorded, and counted in that year's compliance
    const beforeFounding = await service.graphql(RECORD, {
      input: { organizationId: branch, type: 'PARTY_LECTURE', heldOn: '1949-01-01', topic: '党课', attendance: [] },
    });
    expect(beforeFounding.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldOn' });
    expect(beforeFounding.errors?.[0]?.message).toContain('2005-07-01');
    const compliance = await service.graphql(
      `query($o: ID!) { meetingCompliance(organizationId: $o, year: 1949) { periods { held } } }`,
      { o: branch },
    );
    expect(JSON.stringify(compliance)).not.toMatch(/"held":[1-9]/);
  });

  it('reports meetingCompliance per period and attendance rates per member', async () => {
    const data = await gql(
      `query($id: ID!) { meetingCompliance(organizationId: $id, year: 2025) { periods { type period required held met } summary { type requiredPeriods metPeriods rate } attendance { member { id } present excused absent rate } } }`,
      { id: branch },
    );
    const c = data.meetingCompliance;
    expect(c.periods.filter((p: any) => p.met).map((p: any) => `${p.type} ${p.period}`)).toEqual([
      'GENERAL_ASSEMBLY 2025-Q1',
      'PARTY_LECTURE 2025-Q4',
      'COMMITTEE_MEETING 2025-01',
      'GROUP_MEETING 2025-01',
    ]);
    expect(c.summary).toEqual([
      { type: 'GENERAL_ASSEMBLY', requiredPeriods: 4, metPeriods: 1, rate: 0.25 },
      { type: 'PARTY_LECTURE', requiredPeriods: 4, metPeriods: 1, rate: 0.25 },
      { type: 'COMMITTEE_MEETING', requiredPeriods: 12, metPeriods: 1, rate: 1 / 12 },
      { type: 'GROUP_MEETING', requiredPeriods: 12, metPeriods: 1, rate: 1 / 12 },
    ]);
    expect(c.attendance).toEqual(
      [
        { member: { id: members[0] }, present: 4, excused: 0, absent: 0, rate: 1 },
        { member: { id: members[1] }, present: 1, excused: 1, absent: 0, rate: 0.5 },
        { member: { id: members[2] }, present: 0, excused: 0, absent: 1, rate: 0 },
      ].sort((a, b) => a.member.id.localeCompare(b.member.id)),
    );
    const committeeLevel = await service.graphql(`{ partyOrganizations(level: COMMITTEE) { edges { node { id } } } }`);
    const onCommittee = await service.graphql(
      `query($id: ID!) { meetingCompliance(organizationId: $id, year: 2025) { year } }`,
      { id: committeeLevel.data.partyOrganizations.edges[0].node.id },
    );
    expect(onCommittee.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    const byBranch = await gql(`{ partyMeetingComplianceByBranch(year: 2025) { organizationName overallRate } }`);
    expect(byBranch.partyMeetingComplianceByBranch).toEqual([{ organizationName: '第一党支部', overallRate: 4 / 32 }]);
  });

  it('runs the red-flag post: one nominee per department, the panel picks among them, history and winners by year', async () => {
    const nominate = (period: string, department: string, staffId: string) =>
      service.graphql(
        `mutation($input: NominateRedFlagInput!) { nominateRedFlag(input: $input) { period { period nominations { department staffId } } } }`,
        { input: { period, department, staffId } },
      );
    expect((await nominate('2025-11', 'FAMILY_PLANNING', 'staff-jisheng')).errors).toBeUndefined();
    expect((await nominate('2025-11', 'SOCIAL_SECURITY', 'staff-baozhang')).errors).toBeUndefined();
    expect((await nominate('2025-11', 'FAMILY_PLANNING', 'staff-other')).errors?.[0]?.extensions?.code).toBe(
      'CONFLICT',
    );
    expect((await nominate('2025-13', 'CULTURE', 'staff-x')).errors?.[0]?.extensions?.field).toBe('period');
    const decide = (period: string, winnerStaffId: string) =>
      service.graphql(
        `mutation($input: DecideRedFlagInput!) { decideRedFlag(input: $input) { period { period winnerStaffId winnerDepartment decidedOn winner { id } nominations { staffId staff { id } } } } }`,
        {
          input: { period, winnerStaffId, decidedOn: '2025-12-02', panel: '社区党委评议小组' },
        },
      );
    expect((await decide('2025-11', 'staff-outsider')).errors?.[0]?.extensions?.field).toBe('winnerStaffId');
    // Dates of facts: no period that has not begun (a nomination for 2085), no decision before its period or after today.
    expect((await nominate('2085-01', 'CULTURE', 'staff-late')).errors?.[0]?.extensions?.field).toBe('period');
    const decideOn = (decidedOn: string) =>
      service.graphql(`mutation($input: DecideRedFlagInput!) { decideRedFlag(input: $input) { period { period } } }`, {
        input: { period: '2025-11', winnerStaffId: 'staff-baozhang', decidedOn },
      });
    expect((await decideOn('2025-10-15')).errors?.[0]?.extensions?.field).toBe('decidedOn');
    expect((await decideOn('2026-07-15')).errors?.[0]?.extensions?.field).toBe('decidedOn');
    const decided = await decide('2025-11', 'staff-baozhang');
    expect(decided.data.decideRedFlag.period).toEqual({
      period: '2025-11',
      winnerStaffId: 'staff-baozhang',
      winnerDepartment: 'SOCIAL_SECURITY',
      decidedOn: '2025-12-02',
      winner: { id: 'staff-baozhang' },
      nominations: [
        { staffId: 'staff-jisheng', staff: { id: 'staff-jisheng' } },
        { staffId: 'staff-baozhang', staff: { id: 'staff-baozhang' } },
      ],
    });
    expect((await decide('2025-11', 'staff-jisheng')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await nominate('2025-11', 'CULTURE', 'staff-late')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await nominate('2024-06', 'COMPREHENSIVE_GOVERNANCE', 'staff-zongzhi');
    await decide('2024-06', 'staff-zongzhi');
    const winners = await gql(
      `{ redFlagWinnersByYear { year awards { period winnerDepartment } } redFlagPeriods(first: 5) { totalCount edges { node { period } } } }`,
    );
    expect(winners.redFlagWinnersByYear).toEqual([
      { year: 2024, awards: [{ period: '2024-06', winnerDepartment: 'COMPREHENSIVE_GOVERNANCE' }] },
      { year: 2025, awards: [{ period: '2025-11', winnerDepartment: 'SOCIAL_SECURITY' }] },
    ]);
    expect(winners.redFlagPeriods.edges.map((e: any) => e.node.period)).toEqual(['2025-11', '2024-06']);
    const awarded = (
      await service.orm.em.fork().find(OutboxMessage, { subject: 'shequ.partybuilding.red_flag.awarded' })
    ).map((r) => JSON.parse(r.payload).data);
    expect(awarded).toEqual(
      expect.arrayContaining([{ period: '2025-11', staffId: 'staff-baozhang', department: 'SOCIAL_SECURITY' }]),
    );
  });

  it('records yearly 民主评议 grades (once a year, members only) and training head-counts against the target', async () => {
    const appraise = (memberId: string, year: number) =>
      service.graphql(
        `mutation($input: RecordPartyAppraisalInput!) { recordPartyAppraisal(input: $input) { appraisal { year grade } } }`,
        { input: { memberId, year, grade: 'EXCELLENT' } },
      );
    expect((await appraise(members[0], 2025)).errors).toBeUndefined();
    expect((await appraise(members[0], 2025)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await appraise(members[2], 2025)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const history = await gql(`query($id: ID!) { partyMember(id: $id) { appraisals { year grade } } }`, {
      id: members[0],
    });
    expect(history.partyMember.appraisals).toEqual([{ year: 2025, grade: 'EXCELLENT' }]);

    await gql(
      `mutation { setPartyYearPlan(input: { year: 2025, recruitmentTarget: 5, trainingHeadcountTarget: 100 }) { target } }`,
    );
    for (const [heldOn, headCount] of [
      ['2025-09-10', 35],
      ['2025-04-01', 40],
    ] as const) {
      await gql(
        `mutation($input: RecordPartyTrainingSessionInput!) { recordPartyTrainingSession(input: $input) { session { id } } }`,
        {
          input: { heldOn, headCount, title: '党校现场教学', location: '思明区委党校' },
        },
      );
    }
    const bad = await service.graphql(
      `mutation { recordPartyTrainingSession(input: { heldOn: "2025-05-01", headCount: 0, title: "x" }) { session { id } } }`,
    );
    expect(bad.errors?.[0]?.extensions?.field).toBe('headCount');
    const progress = await gql(
      `{ partyTrainingProgress(year: 2025) { target total sessions { runningTotal session { heldOn headCount } } } }`,
    );
    expect(progress.partyTrainingProgress).toEqual({
      target: 100,
      total: 75,
      sessions: [
        { runningTotal: 40, session: { heldOn: '2025-04-01', headCount: 40 } },
        { runningTotal: 75, session: { heldOn: '2025-09-10', headCount: 35 } },
      ],
    });
  });

  it('gives analysts party statistics under disclosure control: no cell below 5, zero cells listed too', async () => {
    const stats = await service.graphql(
      `{ partyStatistics(groupBy: [ORGANIZATION, STAGE, GENDER]) { organization stage gender count suppressed } }`,
      {},
      { role: 'analyst' },
    );
    expect(stats.errors).toBeUndefined();
    const groups = stats.data.partyStatistics as any[];
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      if (group.count === null) expect(group.suppressed).toMatch(/抑制/);
      else expect(group.count).toBeGreaterThanOrEqual(5);
    }
    // every combination of the values present is listed, so a listed group does not mean "somebody is there"
    const distinct = (key: string) => new Set(groups.map((g) => g[key])).size;
    expect(groups.length).toBe(distinct('organization') * distinct('stage') * distinct('gender'));
    const own = await service.graphql(
      `{ partyStatistics(groupBy: [STAGE, GENDER]) { count } }`,
      {},
      {
        role: 'party_affairs',
      },
    );
    expect(own.data.partyStatistics.every((g: any) => g.count > 0)).toBe(true);
  });

  it('answers partyStatistics by copying the resolver’s value along the selections, byte for byte as graphql-js', async () => {
    // `plainAnswers` (libs/subgraph): the answer is not completed by graphql-js field by field. A directive on the
    // root field gives the same operation back to graphql-js: both answers must be the same bytes
    const queries: Array<[(root: string) => string, Record<string, unknown>?]> = [
      [
        (root) => `{ partyStatistics(groupBy: [ORGANIZATION, STAGE, MEMBER_TYPE, AGE_BAND, GENDER])${root} {
          keys { dimension value label } organization stage memberType ageBand gender count suppressed } }`,
      ],
      [
        (root) => `query Q($by: [PartyStatisticsDimension!]!, $skip: Boolean!) {
          s: partyStatistics(groupBy: $by)${root} {
            __typename ...G k: keys { __typename v: value label @skip(if: $skip) } n: count
            ... on PartyStatisticsGroup { suppressed } g: gender @include(if: $skip)
          }
        }
        fragment G on PartyStatisticsGroup { stage keys { dimension } }`,
        { by: ['STAGE', 'GENDER'], skip: true },
      ],
    ];
    for (const caller of [{ role: 'analyst' as const }, { role: 'party_affairs' as const }])
      for (const [query, variables] of queries) {
        const plain = await service.graphql(query(''), variables, caller);
        expect(plain.errors).toBeUndefined();
        expect((Object.values(plain.data)[0] as unknown[]).length).toBeGreaterThan(1);
        const graphqlJs = await service.graphql(query(' @include(if: true)'), variables, caller);
        expect(JSON.stringify(plain)).toBe(JSON.stringify(graphqlJs));
      }
    // declared plain in the service definition (graphql-js answered both before)
    expect(partybuildingService.plainAnswers).toContain('partyStatistics');
  });

  it('gives exact counts without personal data to party affairs, and refuses analysts member lists', async () => {
    const analyst = { role: 'analyst' as const };
    const partyAffairs = { role: 'party_affairs' as const };
    const stats = await service.graphql(
      `{ partyStatistics(groupBy: [STAGE, GENDER]) { stage gender memberType organization count } }`,
      {},
      partyAffairs,
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data.partyStatistics).toEqual(
      expect.arrayContaining([
        { stage: 'FULL_MEMBER', gender: 'MALE', memberType: null, organization: null, count: 1 },
        { stage: 'FULL_MEMBER', gender: 'FEMALE', memberType: null, organization: null, count: 1 },
        { stage: 'APPLICANT', gender: 'FEMALE', memberType: null, organization: null, count: 1 },
      ]),
    );
    // by age band 党建 (no birth dates; each age it reads is audited) gets the controlled table: before, the branch's
    // one retired member over 70 was a count of 1 — that member's age band, in no trail
    const byType = await service.graphql(
      `{ partyStatistics(groupBy: [ORGANIZATION, MEMBER_TYPE, AGE_BAND]) { organization memberType ageBand count suppressed } }`,
      {},
      partyAffairs,
    );
    expect(byType.errors).toBeUndefined();
    expect(byType.data.partyStatistics).toEqual(
      expect.arrayContaining([
        {
          organization: '第一党支部',
          memberType: 'RETIRED',
          ageBand: 'OVER_70',
          count: null,
          suppressed: expect.stringMatching(/抑制/),
        },
      ]),
    );
    for (const group of byType.data.partyStatistics) if (group.count !== null) expect(group.count).not.toBe(1);
    const admin = await service.graphql(
      `{ partyStatistics(groupBy: [ORGANIZATION, MEMBER_TYPE, AGE_BAND]) { organization memberType ageBand count } }`,
    );
    expect(admin.data.partyStatistics).toEqual(
      expect.arrayContaining([{ organization: '第一党支部', memberType: 'RETIRED', ageBand: 'OVER_70', count: 1 }]),
    );
    const list = await service.graphql(`{ partyMembers { totalCount } }`, {}, analyst);
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
