import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentDeceased, ResidentRegistered } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { partybuildingRuleViolations } from '../src/application/rule-audit.js';
import {
  PartyAppraisal,
  PartyMeeting,
  PartyMeetingAttendance,
  PartyMember,
  PartyMemberStageChange,
  PartyOrganization,
  PartyOrganizationChange,
} from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/*
 * A member whose resident died (fourth walk): residents' `resident.deceased` only flags the file (followUpReason
 * DECEASED, followUpSince the day of death), the member stays 在册 — and until now took part in everything after the
 * death: advanced to 预备党员, probation cancelled or extended, listed present at a meeting held after it (alone
 * enough to make it a meeting held), appraised for a later year. Each is refused BAD_USER_INPUT naming the field,
 * nothing written; what happened before the death stays recordable; the rule audit names stored rows that break it.
 */
const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`;
const ADVANCE = `mutation($input: AdvancePartyMemberStageInput!) { advancePartyMemberStage(input: $input) { member { stage } } }`;
const CANCEL = `mutation($input: CancelPartyProbationInput!) { cancelPartyProbation(input: $input) { member { status } } }`;
const EXTEND = `mutation($input: ExtendPartyProbationInput!) { extendPartyProbation(input: $input) { member { id } } }`;
const MEETING = `mutation($input: RecordPartyMeetingInput!) { recordPartyMeeting(input: $input) { meeting { id } } }`;
const APPRAISE = `mutation($input: RecordPartyAppraisalInput!) { recordPartyAppraisal(input: $input) { appraisal { year } } }`;
const TODAY = '2026-06-30';

type Answer = { data?: Record<string, any>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe.each(testDialects())('a member who died takes part in nothing after the death, on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  let branch: string;
  let second: string;
  let committeeId: string;
  const ids: Record<string, string> = {};
  const em = () => service.orm.em.fork();
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const answer = await service.graphql(query, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data;
  };
  const refusedAfterDeath = (answer: Answer, field: string) => {
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(answer.errors?.[0]?.message).toContain('去世');
  };
  const written = async () => [
    await em().count(PartyMemberStageChange, {}),
    await em().count(PartyMeeting, {}),
    await em().count(PartyMeetingAttendance, {}),
    await em().count(PartyAppraisal, {}),
  ];

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date(`${TODAY}T02:00:00Z`)),
    });
    publisher = new TestEventPublisher(nats.url);
    for (const residentId of ['pd-target', 'pd-prob', 'pd-full', 'pd-alive', 'pd-cancel'])
      await publisher.publish(ResidentRegistered, {
        residentId,
        householdId: 'hh-1',
        buildingId: 'b-1',
        gridId: 'g-1',
        gender: 'MALE',
        birthDate: '1970-01-01',
        residenceType: 'REGISTERED',
        residencePermitExpiresOn: null,
      });
    await waitFor(async () => (await em().count(PartyMember, {})) === 0, { what: 'the service' });
    const create = async (input: Record<string, unknown>) =>
      (
        await gql(
          `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id } } }`,
          { input: { establishedOn: '2010-07-01', ...input } },
        )
      ).createPartyOrganization.organization.id as string;
    const committee = await create({ name: '社区党委', level: 'COMMITTEE' });
    branch = await create({ name: '第一党支部', level: 'BRANCH', parentId: committee });
    const enrol = async (residentId: string, input: Record<string, unknown>) => {
      let answer: Answer = {};
      // the reference projection catches up with residents' events
      await waitFor(
        async () => {
          answer = await service.graphql(ENROL, { input: { residentId, branchId: branch, ...input } });
          return !answer.errors;
        },
        { what: `enrolment of ${residentId}` },
      );
      ids[residentId] = answer.data?.enrolPartyMember.member.id;
    };
    const history = { appliedOn: '2022-01-10', activistOn: '2022-03-01', developmentTargetOn: '2023-06-01' };
    await enrol('pd-target', { stage: 'DEVELOPMENT_TARGET', ...history });
    await enrol('pd-prob', { stage: 'PROBATIONARY', ...history, probationaryOn: '2025-12-01' });
    await enrol('pd-full', { stage: 'FULL_MEMBER', fullMemberOn: '2000-07-01' });
    await enrol('pd-alive', { stage: 'FULL_MEMBER', fullMemberOn: '2001-07-01' });
    await enrol('pd-cancel', { stage: 'PROBATIONARY', ...history, probationaryOn: '2025-12-01' });
    second = await create({ name: '第二党支部', level: 'BRANCH', parentId: committee });
    // pd-full becomes the committee's secretary (before the death)
    await gql(
      `mutation($input: ChangePartyOrganizationInput!) { changePartyOrganization(input: $input) { organization { id } } }`,
      { input: { organizationId: committee, secretaryResidentId: 'pd-full', changedOn: '2020-01-01' } },
    );
    committeeId = committee;
    await publisher.publish(ResidentDeceased, { residentId: 'pd-target', diedOn: '2026-05-01' });
    await publisher.publish(ResidentDeceased, { residentId: 'pd-prob', diedOn: '2026-05-01' });
    await publisher.publish(ResidentDeceased, { residentId: 'pd-full', diedOn: '2025-11-01' });
    await waitFor(async () => (await em().count(PartyMember, { followUpReason: 'DECEASED' })) === 3, {
      what: 'the deaths flagged on the files',
    });
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses a stage change dated after the death, nothing written; one before it is recorded', async () => {
    const before = await written();
    refusedAfterDeath(
      await service.graphql(ADVANCE, { input: { memberId: ids['pd-target'], to: 'PROBATIONARY', on: '2026-06-01' } }),
      'on',
    );
    expect(await written()).toEqual(before);
    expect((await em().findOneOrFail(PartyMember, { id: ids['pd-target'] })).stage).toBe('DEVELOPMENT_TARGET');
    const earlier = await gql(ADVANCE, { input: { memberId: ids['pd-target'], to: 'PROBATIONARY', on: '2026-04-20' } });
    expect(earlier.advancePartyMemberStage.member.stage).toBe('PROBATIONARY');
  });

  it('refuses cancelling or extending the probation of a 预备党员 after the death, nothing written', async () => {
    const before = await written();
    refusedAfterDeath(
      await service.graphql(CANCEL, { input: { memberId: ids['pd-prob'], on: '2026-06-01', reason: '不合格' } }),
      'on',
    );
    refusedAfterDeath(
      await service.graphql(EXTEND, { input: { memberId: ids['pd-prob'], until: '2027-03-01', reason: '继续考察' } }),
      'memberId',
    );
    expect(await written()).toEqual(before);
    expect((await em().findOneOrFail(PartyMember, { id: ids['pd-prob'] })).status).toBe('ACTIVE');
  });

  it('refuses a meeting listing a member after the death (even with someone else present), nothing written', async () => {
    const meeting = (heldOn: string, status: string) => ({
      input: {
        organizationId: branch,
        type: 'PARTY_LECTURE',
        heldOn,
        topic: '党课',
        attendance: [
          { memberId: ids['pd-alive'], status: 'PRESENT' },
          { memberId: ids['pd-full'], status },
        ],
      },
    });
    const before = await written();
    refusedAfterDeath(await service.graphql(MEETING, meeting('2026-06-10', 'PRESENT')), 'attendance.1.memberId');
    refusedAfterDeath(await service.graphql(MEETING, meeting('2026-06-10', 'ABSENT')), 'attendance.1.memberId');
    expect(await written()).toEqual(before);
    await gql(MEETING, meeting('2025-10-20', 'PRESENT'));
  });

  it('refuses an appraisal of a year after the death, nothing written; the year of death is appraised', async () => {
    const before = await written();
    refusedAfterDeath(
      await service.graphql(APPRAISE, { input: { memberId: ids['pd-full'], year: 2026, grade: 'QUALIFIED' } }),
      'year',
    );
    expect(await written()).toEqual(before);
    await gql(APPRAISE, { input: { memberId: ids['pd-full'], year: 2025, grade: 'QUALIFIED' } });
  });

  it('moves no member who died or is off the register (probation cancelled): CONFLICT, nothing changed', async () => {
    const MOVE = `mutation($input: MovePartyMemberInput!) { movePartyMember(input: $input) { member { id } } }`;
    const cancelled = await service.graphql(CANCEL, {
      input: { memberId: ids['pd-cancel'], on: '2026-06-01', reason: '不合格' },
    });
    expect(cancelled.errors).toBeUndefined();
    for (const [resident, text] of [
      ['pd-full', '已去世'],
      ['pd-cancel', '已取消预备党员资格'],
    ]) {
      const moved = await service.graphql(MOVE, { input: { memberId: ids[resident], branchId: second } });
      expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
      expect(moved.errors?.[0]?.message).toContain(text);
      expect((await em().findOneOrFail(PartyMember, { id: ids[resident] })).branch.id).toBe(branch);
    }
    expect(
      (await service.graphql(MOVE, { input: { memberId: ids['pd-alive'], branchId: second } })).errors,
    ).toBeUndefined();
    // back (the audit reads past meetings' lists against members' current branches)
    expect(
      (await service.graphql(MOVE, { input: { memberId: ids['pd-alive'], branchId: branch } })).errors,
    ).toBeUndefined();
  });

  it('leaves the post of a secretary who died vacant, kept in the organisation’s history on the day of death', async () => {
    const answer = await gql(`query($id: ID!) { partyOrganization(id: $id) { secretary { id } } }`, {
      id: committeeId,
    });
    expect(answer.partyOrganization.secretary).toBeNull();
    const changes = await em().find(
      PartyOrganizationChange,
      { organization: committeeId, kind: 'SECRETARY_CHANGED' },
      {
        orderBy: { changedOn: 'asc' },
      },
    );
    expect(changes.map((c) => [c.changedOn, c.fromValue, c.toValue])).toEqual([
      ['2020-01-01', null, 'pd-full'],
      ['2025-11-01', 'pd-full', null],
    ]);
  });

  it('the rule audit is silent over these rows and names stored rows that break the rule', async () => {
    expect(await partybuildingRuleViolations(em(), TODAY)).toEqual([]);
    const fork = em();
    const lecture = await fork.findOneOrFail(PartyMeeting, { heldOn: '2025-10-20' });
    const late = fork.create(PartyMeeting, {
      id: 'pd-late-meeting',
      communityId: lecture.communityId,
      organization: lecture.organization,
      type: 'THEMED_PARTY_DAY',
      heldOn: '2026-06-01',
      topic: '主题党日',
    });
    fork.create(PartyMeetingAttendance, {
      id: 'pd-late-1',
      meeting: late,
      memberId: ids['pd-alive'],
      status: 'PRESENT',
    });
    fork.create(PartyMeetingAttendance, {
      id: 'pd-late-2',
      meeting: late,
      memberId: ids['pd-full'],
      status: 'PRESENT',
    });
    fork.create(PartyAppraisal, {
      id: 'pd-late-appraisal',
      communityId: lecture.communityId,
      memberId: ids['pd-full'],
      year: 2026,
      grade: 'EXCELLENT',
    });
    fork.create(PartyMemberStageChange, {
      id: 'pd-late-change',
      member: fork.getReference(PartyMember, ids['pd-prob']),
      kind: 'PROBATION_EXTENDED',
      fromStage: 'PROBATIONARY',
      toStage: 'PROBATIONARY',
      changedOn: '2026-06-20',
      note: '延长',
    });
    await fork.flush();
    const lines = await partybuildingRuleViolations(em(), TODAY);
    expect(lines.some((l) => l.startsWith('会议 pd-late-meeting') && l.includes('去世'))).toBe(true);
    expect(lines.some((l) => l.startsWith('评议 pd-late-appraisal') && l.includes('去世'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`党员 ${ids['pd-prob']}`) && l.includes('去世'))).toBe(true);
    expect(lines).toHaveLength(3);
    await em().nativeUpdate(PartyOrganization, { id: committeeId }, { secretaryResidentId: 'pd-full' });
    const withSecretary = await partybuildingRuleViolations(em(), TODAY);
    expect(withSecretary.filter((l) => l.startsWith(`党组织 ${committeeId}`) && l.includes('已去世'))).toHaveLength(1);
  });
});
