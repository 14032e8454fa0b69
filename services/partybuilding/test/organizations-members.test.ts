import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, pendingSchemaChanges, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { partybuildingService } from '../src/service.js';

const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id name level } } }`;
const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id stage stageSince status branch { id } group { id } } } }`;
const ADVANCE = `mutation($input: AdvancePartyMemberStageInput!) { advancePartyMemberStage(input: $input) { member { id stage stageSince probationEndsOn } } }`;

describe.each(testDialects())('organisations and the development pipeline on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  let committee: string;
  let generalBranch: string;
  let branch: string;
  let group: string;

  beforeAll(async () => {
    service = await startTestSubgraph(partybuildingService, { dialect, clock });
    await knownReferences(service, [
      ...['res-leader', 'res-secretary', 'res-z'].map((id) => ({ kind: 'RESIDENT' as const, id })),
      { kind: 'RESIDENT', id: 'res-x', birthDate: '1990-01-01' },
      { kind: 'RESIDENT', id: 'res-young', birthDate: '1998-08-08', gender: 'FEMALE' },
      { kind: 'RESIDENT', id: 'res-ext', birthDate: '1990-02-02' },
      { kind: 'RESIDENT', id: 'res-cancel', birthDate: '1990-02-02' },
      { kind: 'RESIDENT', id: 'res-minor', birthDate: '2009-01-01' },
    ]);
  });
  afterAll(() => service?.stop());

  const create = async (input: Record<string, unknown>) => {
    const result = await service.graphql(CREATE_ORG, { input: { establishedOn: '2010-07-01', ...input } });
    expect(result.errors).toBeUndefined();
    return result.data.createPartyOrganization.organization.id as string;
  };

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  it('builds the tree 党委 → 党总支 → 党支部 → 党小组 and refuses a group under the committee', async () => {
    committee = await create({ name: '中共莲秀社区委员会', level: 'COMMITTEE' });
    generalBranch = await create({ name: '莲秀社区党总支', level: 'GENERAL_BRANCH', parentId: committee });
    branch = await create({ name: '第一党支部', level: 'BRANCH', parentId: generalBranch });
    group = await create({ name: '第一党小组', level: 'GROUP', parentId: branch, secretaryResidentId: 'res-leader' });
    const wrong = await service.graphql(CREATE_ORG, {
      input: { name: '错位小组', level: 'GROUP', parentId: committee, establishedOn: '2010-07-01' },
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    // three levels of `children` (lists cost 20 each) stay within the front-end query cost budget of 10,000
    const tree = await service.graphql(
      `query($id: ID!) { partyOrganization(id: $id) { name children { name children { name children { name } } } } }`,
      { id: committee },
    );
    expect(tree.errors).toBeUndefined();
    expect(tree.data.partyOrganization.children[0].children[0].children[0]).toEqual({ name: '第一党小组' });
    const leader = await service.graphql(
      `query($id: ID!) { partyOrganization(id: $id) { parent { name } secretary { id } } }`,
      { id: group },
    );
    expect(leader.data.partyOrganization).toEqual({ parent: { name: '第一党支部' }, secretary: { id: 'res-leader' } });
  });

  it('keeps a history when the 党总支 is upgraded to a 党委 and gets a new secretary', async () => {
    const result = await service.graphql(
      `mutation($input: ChangePartyOrganizationInput!) { changePartyOrganization(input: $input) { organization { level history { kind fromValue toValue changedOn note } } } }`,
      {
        input: {
          organizationId: generalBranch,
          level: 'COMMITTEE',
          secretaryResidentId: 'res-secretary',
          changedOn: '2021-03-01',
          note: '街道党工委批复',
        },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.changePartyOrganization.organization.level).toBe('COMMITTEE');
    expect(result.data.changePartyOrganization.organization.history.map((h: { kind: string }) => h.kind)).toEqual([
      'ESTABLISHED',
      'LEVEL_CHANGED',
      'SECRETARY_CHANGED',
    ]);
    expect(result.data.changePartyOrganization.organization.history[1]).toMatchObject({
      fromValue: 'GENERAL_BRANCH',
      toValue: 'COMMITTEE',
      note: '街道党工委批复',
    });
    const downgradeBranch = await service.graphql(
      `mutation($input: ChangePartyOrganizationInput!) { changePartyOrganization(input: $input) { organization { level } } }`,
      {
        input: { organizationId: branch, level: 'GROUP', changedOn: '2022-01-01' },
      },
    );
    expect(downgradeBranch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('places a member in exactly one branch (not a group or committee) and its own groups only', async () => {
    const inCommittee = await service.graphql(ENROL, {
      input: { residentId: 'res-x', branchId: committee, appliedOn: '2025-01-01', birthDate: '1990-01-01' },
    });
    expect(inCommittee.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'branchId' });
    const wrongGroup = await service.graphql(ENROL, {
      input: {
        residentId: 'res-x',
        branchId: branch,
        groupId: generalBranch,
        appliedOn: '2025-01-01',
        birthDate: '1990-01-01',
      },
    });
    expect(wrongGroup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupId' });
  });

  it('takes a member through every stage with the dates the rules require, publishing member.stage_changed', async () => {
    const enrol = await service.graphql(ENROL, {
      input: {
        residentId: 'res-young',
        branchId: branch,
        groupId: group,
        appliedOn: '2023-03-01',
        birthDate: '1998-08-08',
        gender: 'FEMALE',
        memberType: 'EMPLOYED_REPORTING',
      },
    });
    expect(enrol.errors).toBeUndefined();
    const id = enrol.data.enrolPartyMember.member.id;
    expect(enrol.data.enrolPartyMember.member).toMatchObject({
      stage: 'APPLICANT',
      stageSince: '2023-03-01',
      group: { id: group },
    });

    const skip = await service.graphql(ADVANCE, {
      input: { memberId: id, to: 'DEVELOPMENT_TARGET', on: '2024-01-01' },
    });
    expect(skip.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(skip.errors?.[0]?.message).toContain('「入党申请人」');

    expect(
      (await service.graphql(ADVANCE, { input: { memberId: id, to: 'ACTIVIST', on: '2023-09-01' } })).errors,
    ).toBeUndefined();
    const tooSoon = await service.graphql(ADVANCE, {
      input: { memberId: id, to: 'DEVELOPMENT_TARGET', on: '2024-08-31' },
    });
    expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    expect(
      (await service.graphql(ADVANCE, { input: { memberId: id, to: 'DEVELOPMENT_TARGET', on: '2024-09-01' } })).errors,
    ).toBeUndefined();
    const admitted = await service.graphql(ADVANCE, {
      input: { memberId: id, to: 'PROBATIONARY', on: '2025-07-01', note: '支部大会讨论通过' },
    });
    expect(admitted.data.advancePartyMemberStage.member).toMatchObject({
      stage: 'PROBATIONARY',
      probationEndsOn: '2026-07-01',
    });
    const early = await service.graphql(ADVANCE, { input: { memberId: id, to: 'FULL_MEMBER', on: '2026-06-30' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    const future = await service.graphql(ADVANCE, { input: { memberId: id, to: 'FULL_MEMBER', on: '2026-07-01' } });
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    clock.set(new Date('2026-07-02T02:00:00Z'));
    const full = await service.graphql(ADVANCE, { input: { memberId: id, to: 'FULL_MEMBER', on: '2026-07-01' } });
    expect(full.data.advancePartyMemberStage.member).toMatchObject({ stage: 'FULL_MEMBER', stageSince: '2026-07-01' });

    const history = await service.graphql(
      `query($id: ID!) { partyMember(id: $id) { stageHistory { fromStage toStage changedOn } } }`,
      { id },
    );
    expect(history.data.partyMember.stageHistory.map((h: { toStage: string }) => h.toStage)).toEqual([
      'APPLICANT',
      'ACTIVIST',
      'DEVELOPMENT_TARGET',
      'PROBATIONARY',
      'FULL_MEMBER',
    ]);

    const rows = await service.orm.em
      .fork()
      .find(OutboxMessage, { subject: 'shequ.partybuilding.member.stage_changed' });
    const events = rows.map((r) => JSON.parse(r.payload) as EventEnvelope<any>).filter((e) => e.data.memberId === id);
    expect(events.map((e) => [e.data.from, e.data.to, e.data.changedOn])).toEqual([
      [null, 'APPLICANT', '2023-03-01'],
      ['APPLICANT', 'ACTIVIST', '2023-09-01'],
      ['ACTIVIST', 'DEVELOPMENT_TARGET', '2024-09-01'],
      ['DEVELOPMENT_TARGET', 'PROBATIONARY', '2025-07-01'],
      ['PROBATIONARY', 'FULL_MEMBER', '2026-07-01'],
    ]);
    expect(events[4].data).toMatchObject({ residentId: 'res-young', organizationId: branch });
  });

  it('records an extension and a cancellation of probation, and refuses an under-age applicant', async () => {
    const enrol = (residentId: string) =>
      service.graphql(ENROL, {
        input: {
          residentId,
          branchId: branch,
          stage: 'PROBATIONARY',
          birthDate: '1990-02-02',
          appliedOn: '2022-01-10',
          activistOn: '2022-05-01',
          developmentTargetOn: '2023-06-01',
          probationaryOn: '2025-09-01',
        },
      });
    const a = (await enrol('res-ext')).data.enrolPartyMember.member.id;
    const b = (await enrol('res-cancel')).data.enrolPartyMember.member.id;
    const extended = await service.graphql(
      `mutation($input: ExtendPartyProbationInput!) { extendPartyProbation(input: $input) { member { probationExtendedUntil probationEndsOn stageHistory { kind note } } } }`,
      { input: { memberId: a, until: '2027-03-01', reason: '组织生活参加较少' } },
    );
    expect(extended.errors).toBeUndefined();
    expect(extended.data.extendPartyProbation.member).toMatchObject({
      probationExtendedUntil: '2027-03-01',
      probationEndsOn: '2027-03-01',
    });
    expect(extended.data.extendPartyProbation.member.stageHistory.at(-1)).toMatchObject({ kind: 'PROBATION_EXTENDED' });
    const again = await service.graphql(
      `mutation($input: ExtendPartyProbationInput!) { extendPartyProbation(input: $input) { member { id } } }`,
      {
        input: { memberId: a, until: '2027-06-01', reason: '再次延长' },
      },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const cancelled = await service.graphql(
      `mutation($input: CancelPartyProbationInput!) { cancelPartyProbation(input: $input) { member { status stage probationCancelledOn } } }`,
      {
        input: { memberId: b, on: '2026-05-01', reason: '不履行党员义务' },
      },
    );
    expect(cancelled.data.cancelPartyProbation.member).toEqual({
      status: 'PROBATION_CANCELLED',
      stage: 'PROBATIONARY',
      probationCancelledOn: '2026-05-01',
    });
    const afterCancel = await service.graphql(ADVANCE, { input: { memberId: b, to: 'FULL_MEMBER', on: '2026-09-01' } });
    expect(afterCancel.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const minor = await service.graphql(ENROL, {
      input: { residentId: 'res-minor', branchId: branch, appliedOn: '2026-05-01', birthDate: '2009-01-01' },
    });
    expect(minor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'appliedOn' });
    const duplicate = await service.graphql(ENROL, {
      input: { residentId: 'res-young', branchId: branch, appliedOn: '2026-05-01' },
    });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('shows the year’s development plan against the target of five, and lists members of an organisation', async () => {
    const plan = await service.graphql(
      `{ developmentPlan(year: 2025) { target admitted remaining activistsDesignated developmentTargetsDesignated pipeline { probationary } } }`,
    );
    expect(plan.errors).toBeUndefined();
    expect(plan.data.developmentPlan).toMatchObject({
      target: 5,
      admitted: 3,
      remaining: 2,
      activistsDesignated: 0,
      developmentTargetsDesignated: 0,
      pipeline: { probationary: 1 },
    });
    const set = await service.graphql(
      `mutation { setPartyYearPlan(input: { year: 2025, recruitmentTarget: 3, trainingHeadcountTarget: 200 }) { target remaining } }`,
    );
    expect(set.data.setPartyYearPlan).toEqual({ target: 3, remaining: 0 });
    const members = await service.graphql(
      `query($c: ID!, $g: ID!) { c: partyOrganization(id: $c) { members(first: 10) { totalCount } } g: partyOrganization(id: $g) { members { totalCount } } }`,
      { c: committee, g: group },
    );
    expect(members.data).toEqual({ c: { members: { totalCount: 3 } }, g: { members: { totalCount: 1 } } });
  });

  it('denies writes to a role without party:write', async () => {
    const result = await service.graphql(
      ENROL,
      { input: { residentId: 'res-z', branchId: branch, appliedOn: '2025-01-01' } },
      { role: 'grid_worker', grids: ['350203008006-01'] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
