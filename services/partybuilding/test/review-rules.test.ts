import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsDuring } from '@shequ/database';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { OutboxMessage } from '@shequ/messaging';
import { PartyMeetingAttendance, PartyMember, PartyMemberStageChange, PartyTransfer } from '../src/entities/index.js';
import { creditVolunteerHours } from '../src/application/volunteer-hours.js';
import { partybuildingService } from '../src/service.js';

/**
 * Rules that must hold on every path that writes (review of 2026-12-04 afternoon): a rule checked by one mutation
 * holds on the others that reach the same state, and a reference checked when a request was made is checked again
 * when it takes effect.
 */
const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id level } } }`;
const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id stage } } }`;
const CHANGE = `mutation($input: ChangePartyOrganizationInput!) { changePartyOrganization(input: $input) { organization { id level } } }`;
const PROMOTE = `mutation($input: AdvancePartyMemberStageInput!) { advancePartyMemberStage(input: $input) { member { id stage } } }`;
const MEETING = `mutation($input: RecordPartyMeetingInput!) { recordPartyMeeting(input: $input) { meeting { id } } }`;
const BY_BRANCH = `{ partyMeetingComplianceByBranch(year: 2026) { organizationName overallRate summary { type requiredPeriods metPeriods rate } } }`;
const REQUEST = `mutation($input: RequestPartyTransferInput!) { requestPartyTransfer(input: $input) { transfer { id status } } }`;
const ADVANCE = `mutation($input: AdvancePartyTransferInput!) { advancePartyTransfer(input: $input) { transfer { id status member { id stage } } } }`;

describe.each(testDialects())('party-building rules on every write path on %s (real nats-server)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  let committee: string;
  let branch: string;

  const create = async (input: Record<string, unknown>) => {
    const result = await service.graphql(CREATE_ORG, { input: { establishedOn: '2010-07-01', ...input } });
    expect(result.errors).toBeUndefined();
    return result.data.createPartyOrganization.organization.id as string;
  };

  /** A transfer in requested and taken up to 已接收 (the letter sent and received). */
  const receivedTransferIn = async (residentId: string) => {
    const requested = await service.graphql(REQUEST, {
      input: {
        direction: 'IN',
        residentId,
        branchId: branch,
        externalOrganization: '中共泉州市丰泽区东海街道某社区支部',
        requestedOn: '2026-05-01',
      },
    });
    expect(requested.errors).toBeUndefined();
    const transferId = requested.data.requestPartyTransfer.transfer.id as string;
    for (const [to, on] of [
      ['SENT', '2026-05-05'],
      ['RECEIVED', '2026-05-10'],
    ]) {
      const step = await service.graphql(ADVANCE, {
        input: { transferId, to, on, letterNumber: '闽组转〔2026〕088号' },
      });
      expect(step.errors).toBeUndefined();
    }
    return transferId;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(partybuildingService, { dialect, natsUrl: nats.url, clock });
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'rv-arrives', birthDate: '1980-05-05' },
      { kind: 'RESIDENT', id: 'rv-dies', birthDate: '1975-01-01' },
      { kind: 'RESIDENT', id: 'rv-branch-member', birthDate: '1960-01-01' },
      { kind: 'RESIDENT', id: 'rv-teen', birthDate: '2000-01-01' },
      { kind: 'RESIDENT', id: 'rv-applicant', birthDate: '1990-01-01' },
      { kind: 'RESIDENT', id: 'rv-probation', birthDate: '1995-03-03' },
      { kind: 'RESIDENT', id: 'rv-race', birthDate: '1985-03-03' },
      { kind: 'RESIDENT', id: 'rv-race-out', birthDate: '1965-03-03' },
      { kind: 'RESIDENT', id: 'rv-deep', birthDate: '1970-01-01' },
      { kind: 'RESIDENT', id: 'rv-left', birthDate: '1970-01-01' },
      { kind: 'STAFF', id: 'rv-staff-a', department: 'FAMILY_PLANNING' },
      { kind: 'STAFF', id: 'rv-staff-b', department: 'SOCIAL_SECURITY' },
    ]);
    committee = await create({ name: '社区党委', level: 'COMMITTEE' });
    branch = await create({ name: '第一党支部', level: 'BRANCH', parentId: committee });
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('completes a transfer in only for a resident still living here, with the birth date residents registered', async () => {
    const dies = await receivedTransferIn('rv-dies');
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'rv-dies', status: 'DECEASED', occurredAt: new Date() }]);
    const refused = await service.graphql(ADVANCE, { input: { transferId: dies, to: 'COMPLETED', on: '2026-05-20' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(refused.errors?.[0]?.message).toContain('已故');
    const em = service.orm.em.fork();
    expect(await em.count(PartyMember, { residentId: 'rv-dies' })).toBe(0);
    expect((await em.findOneOrFail(PartyTransfer, dies)).status).toBe('RECEIVED');

    const arrives = await receivedTransferIn('rv-arrives');
    const done = await service.graphql(ADVANCE, { input: { transferId: arrives, to: 'COMPLETED', on: '2026-05-20' } });
    expect(done.errors).toBeUndefined();
    const member = await service.orm.em.fork().findOneOrFail(PartyMember, { residentId: 'rv-arrives' });
    expect(member.birthDate).toBe('1980-05-05');
    expect(member.status).toBe('ACTIVE');
  });

  it('keeps every member in a 党支部: a branch with members is not turned into a 党委', async () => {
    const second = await create({ name: '第二党支部', level: 'BRANCH', parentId: committee });
    const enrolled = await service.graphql(ENROL, {
      input: { residentId: 'rv-branch-member', branchId: second, stage: 'FULL_MEMBER', fullMemberOn: '1990-07-01' },
    });
    expect(enrolled.errors).toBeUndefined();
    const changed = await service.graphql(CHANGE, {
      input: { organizationId: second, level: 'COMMITTEE', changedOn: '2026-06-01' },
    });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
    expect(changed.errors?.[0]?.message).toContain('党员');
    const third = await create({ name: '第三党支部', level: 'BRANCH', parentId: committee });
    const empty = await service.graphql(CHANGE, {
      input: { organizationId: third, level: 'COMMITTEE', changedOn: '2026-06-01' },
    });
    expect(empty.errors).toBeUndefined();
  });

  it('holds the 18-year rule on a member enrolled with their past, whichever stage dates are given', async () => {
    const teen = await service.graphql(ENROL, {
      input: { residentId: 'rv-teen', branchId: branch, stage: 'ACTIVIST', activistOn: '2015-06-01' },
    });
    expect(teen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activistOn' });
    const probationary = await service.graphql(ENROL, {
      input: {
        residentId: 'rv-teen',
        branchId: branch,
        stage: 'PROBATIONARY',
        activistOn: '2016-06-01',
        developmentTargetOn: '2017-07-01',
        probationaryOn: '2017-12-31',
      },
    });
    expect(probationary.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activistOn' });
    expect(probationary.errors?.[0]?.message).toContain('年满 18 周岁');
    expect(await service.orm.em.fork().count(PartyMember, { residentId: 'rv-teen' })).toBe(0);
    const adult = await service.graphql(ENROL, {
      input: { residentId: 'rv-teen', branchId: branch, stage: 'ACTIVIST', activistOn: '2018-01-01' },
    });
    expect(adult.errors).toBeUndefined();
  });

  it('transfers out 预备党员 and 正式党员 only: an applicant has no 组织关系 to transfer', async () => {
    const applicant = await service.graphql(ENROL, {
      input: { residentId: 'rv-applicant', branchId: branch, appliedOn: '2026-01-05' },
    });
    const memberId = applicant.data.enrolPartyMember.member.id as string;
    const out = await service.graphql(REQUEST, {
      input: { direction: 'OUT', memberId, externalOrganization: '某单位党支部', requestedOn: '2026-06-01' },
    });
    expect(out.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(out.errors?.[0]?.message).toContain('入党申请人');
    expect(await service.orm.em.fork().count(PartyTransfer, { memberId })).toBe(0);
  });

  it('keeps the probation of a 预备党员 who transfers in: the date of admission is required and the year runs from it', async () => {
    const transferId = await receivedTransferIn('rv-probation');
    const noDate = await service.graphql(ADVANCE, {
      input: { transferId, to: 'COMPLETED', on: '2026-05-20', stage: 'PROBATIONARY' },
    });
    expect(noDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'probationaryOn' });
    expect(await service.orm.em.fork().count(PartyMember, { residentId: 'rv-probation' })).toBe(0);
    const future = await service.graphql(ADVANCE, {
      input: { transferId, to: 'COMPLETED', on: '2026-05-20', stage: 'PROBATIONARY', probationaryOn: '2026-05-21' },
    });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'probationaryOn' });
    const done = await service.graphql(ADVANCE, {
      input: { transferId, to: 'COMPLETED', on: '2026-05-20', stage: 'PROBATIONARY', probationaryOn: '2026-01-10' },
    });
    expect(done.errors).toBeUndefined();
    const memberId = done.data.advancePartyTransfer.transfer.member.id as string;
    const early = await service.graphql(PROMOTE, { input: { memberId, to: 'FULL_MEMBER', on: '2026-06-30' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    expect(early.errors?.[0]?.message).toContain('2027-01-10');
    const member = await service.orm.em.fork().findOneOrFail(PartyMember, memberId);
    expect([member.stage, member.probationaryOn]).toEqual(['PROBATIONARY', '2026-01-10']);
  });

  it('answers partyMeetingComplianceByBranch with a fixed number of statements, however many branches and meetings', async () => {
    const statementsFor = async () => {
      let answer: unknown;
      const statements = await statementsDuring(service.orm, async () => {
        const result = await service.graphql(BY_BRANCH, {}, { role: 'analyst', community: '350203008' });
        expect(result.errors).toBeUndefined();
        answer = result.data.partyMeetingComplianceByBranch;
      });
      return { answer, statements: statements.filter((sql) => /party_(meeting|organization)/.test(sql)).length };
    };
    // each meeting attended by the one member of the new branch (in its group): a meeting nobody attended is not held
    const hold = async (organizationId: string, type: string, heldOn: string, memberId: string) => {
      const held = await service.graphql(MEETING, {
        input: { organizationId, type, heldOn, topic: '学习党章', attendance: [{ memberId, status: 'PRESENT' }] },
      });
      expect(held.errors).toBeUndefined();
    };
    const few = await statementsFor();
    for (let i = 0; i < 4; i += 1) {
      const extra = await create({ name: `第${i + 5}党支部`, level: 'BRANCH', parentId: committee });
      const group = await create({ name: `第${i + 5}党支部第一党小组`, level: 'GROUP', parentId: extra });
      await knownReferences(service, [{ kind: 'RESIDENT', id: `rv-extra-${i}`, birthDate: '1970-01-01' }]);
      const enrolled = await service.graphql(ENROL, {
        input: {
          residentId: `rv-extra-${i}`,
          branchId: extra,
          groupId: group,
          stage: 'FULL_MEMBER',
          fullMemberOn: '2000-07-01',
        },
      });
      expect(enrolled.errors).toBeUndefined();
      const memberId = enrolled.data.enrolPartyMember.member.id as string;
      for (const month of ['01', '02', '03']) {
        await hold(extra, 'COMMITTEE_MEETING', `2026-${month}-10`, memberId);
        await hold(group, 'GROUP_MEETING', `2026-${month}-12`, memberId);
      }
      await hold(extra, 'GENERAL_ASSEMBLY', '2026-02-20', memberId);
      await hold(extra, 'PARTY_LECTURE', '2026-03-20', memberId);
    }
    const many = await statementsFor();
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(3);
    // the same numbers as each branch's own meetingCompliance
    const rows = many.answer as Array<{ organizationName: string; overallRate: number | null; summary: unknown }>;
    const fifth = rows.find((r) => r.organizationName === '第5党支部')!;
    // ended before 2026-06-30: 5 months of 支委会 (3 met), 5 of 党小组会 (3 met), Q1 of 大会 and 党课 (met)
    expect(fifth.overallRate).toBeCloseTo(8 / 12, 10);
    const own = await service.graphql(
      `query($id: ID!) { meetingCompliance(organizationId: $id, year: 2026) { summary { type requiredPeriods metPeriods rate } } }`,
      {
        id: (
          await service.graphql(`{ partyOrganizations(level: BRANCH, first: 50) { edges { node { id name } } } }`)
        ).data.partyOrganizations.edges.find((e: { node: { name: string } }) => e.node.name === '第5党支部').node.id,
      },
    );
    expect(fifth.summary).toEqual(own.data.meetingCompliance.summary);
  });

  it('applies one of several concurrent changes of one record: a stage, a red-flag decision, a transfer out', async () => {
    const codes = (results: Array<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>) =>
      results.map((r) => (r.errors ? String(r.errors[0].extensions?.code) : 'OK')).sort();
    const enrolled = await service.graphql(ENROL, {
      input: { residentId: 'rv-race', branchId: branch, appliedOn: '2025-01-05' },
    });
    const memberId = enrolled.data.enrolPartyMember.member.id as string;
    const advances = await Promise.all(
      Array.from({ length: 4 }, () =>
        service.graphql(PROMOTE, { input: { memberId, to: 'ACTIVIST', on: '2025-03-01' } }),
      ),
    );
    expect(codes(advances)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await service.orm.em.fork().count(PartyMemberStageChange, { member: memberId })).toBe(2);

    for (const [department, staffId] of [
      ['FAMILY_PLANNING', 'rv-staff-a'],
      ['SOCIAL_SECURITY', 'rv-staff-b'],
    ]) {
      const nominated = await service.graphql(
        `mutation($input: NominateRedFlagInput!) { nominateRedFlag(input: $input) { period { period } } }`,
        { input: { period: '2026-05', department, staffId } },
      );
      expect(nominated.errors).toBeUndefined();
    }
    const decisions = await Promise.all(
      ['rv-staff-a', 'rv-staff-b', 'rv-staff-a', 'rv-staff-b'].map((winnerStaffId) =>
        service.graphql(
          `mutation($input: DecideRedFlagInput!) { decideRedFlag(input: $input) { period { period } } }`,
          {
            input: { period: '2026-05', winnerStaffId, decidedOn: '2026-06-02' },
          },
        ),
      ),
    );
    expect(codes(decisions)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await service.orm.em.fork().count(OutboxMessage, { subject: { $like: '%red_flag.awarded' } })).toBe(1);

    const member = await service.graphql(ENROL, {
      input: { residentId: 'rv-race-out', branchId: branch, stage: 'FULL_MEMBER', fullMemberOn: '1995-07-01' },
    });
    const outId = member.data.enrolPartyMember.member.id as string;
    const requests = await Promise.all(
      Array.from({ length: 4 }, () =>
        service.graphql(REQUEST, {
          input: { direction: 'OUT', memberId: outId, externalOrganization: '某街道党工委', requestedOn: '2026-06-01' },
        }),
      ),
    );
    expect(codes(requests)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await service.orm.em.fork().count(PartyTransfer, { memberId: outId })).toBe(1);
  });

  it('sums a member’s volunteer minutes in the database: one row per member read, however many shifts', async () => {
    const member = await service.orm.em.fork().findOneOrFail(PartyMember, { residentId: 'rv-arrives' });
    await service.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < 30; i += 1)
        await creditVolunteerHours(
          em,
          { shiftId: `rv-shift-${i}`, eventId: null, residentId: 'rv-arrives', minutes: 60, servedOn: '2026-03-01' },
          '350203008006',
        );
      await creditVolunteerHours(
        em,
        { shiftId: 'rv-shift-old', eventId: null, residentId: 'rv-arrives', minutes: 45, servedOn: '2025-03-01' },
        '350203008006',
      );
    });
    const statements = await statementsDuring(service.orm, async () => {
      const result = await service.graphql(
        `query($id: ID!) { partyMember(id: $id) { all: volunteerMinutes year: volunteerMinutes(year: 2026) } }`,
        { id: member.id },
      );
      expect(result.data.partyMember).toEqual({ all: 30 * 60 + 45, year: 30 * 60 });
    });
    const reads = statements.filter((sql) => sql.includes('volunteer_hours_credit'));
    expect(reads).toHaveLength(2);
    for (const sql of reads) expect(sql.toLowerCase()).toContain('sum(');
  });

  it('lists at a meeting the organisation’s members on its register, at any depth of a 党委', async () => {
    const general = await create({ name: '第一党总支', level: 'GENERAL_BRANCH', parentId: committee });
    const deepBranch = await create({ name: '第一党总支第一党支部', level: 'BRANCH', parentId: general });
    const deep = await service.graphql(ENROL, {
      input: { residentId: 'rv-deep', branchId: deepBranch, stage: 'FULL_MEMBER', fullMemberOn: '2000-07-01' },
    });
    const deepId = deep.data.enrolPartyMember.member.id as string;
    const assembly = await service.graphql(MEETING, {
      input: {
        organizationId: committee,
        type: 'GENERAL_ASSEMBLY',
        heldOn: '2026-06-20',
        topic: '党员大会',
        attendance: [{ memberId: deepId, status: 'PRESENT' }],
      },
    });
    expect(assembly.errors).toBeUndefined();

    const left = await service.graphql(ENROL, {
      input: { residentId: 'rv-left', branchId: deepBranch, stage: 'FULL_MEMBER', fullMemberOn: '2000-07-01' },
    });
    const leftId = left.data.enrolPartyMember.member.id as string;
    const out = await service.graphql(REQUEST, {
      input: { direction: 'OUT', memberId: leftId, externalOrganization: '某街道党工委', requestedOn: '2026-06-01' },
    });
    const transferId = out.data.requestPartyTransfer.transfer.id as string;
    for (const [to, on] of [
      ['SENT', '2026-06-02'],
      ['RECEIVED', '2026-06-03'],
      ['COMPLETED', '2026-06-04'],
    ]) {
      const step = await service.graphql(ADVANCE, { input: { transferId, to, on, letterNumber: '组转〔2026〕7号' } });
      expect(step.errors).toBeUndefined();
    }
    const meetings = await service.orm.em.fork().count(PartyMeetingAttendance, { memberId: leftId });
    const afterLeaving = await service.graphql(MEETING, {
      input: {
        organizationId: deepBranch,
        type: 'COMMITTEE_MEETING',
        heldOn: '2026-06-25',
        topic: '支委会',
        attendance: [{ memberId: leftId, status: 'ABSENT' }],
      },
    });
    expect(afterLeaving.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'attendance.0.memberId',
    });
    expect(await service.orm.em.fork().count(PartyMeetingAttendance, { memberId: leftId })).toBe(meetings);
  });
});
