import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { OutboxMessage } from '@shequ/messaging';
import { PartyAppraisal, RedFlagPeriod } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/** Faults left by the review of 2026-12-04 afternoon: a red flag for one no longer in post, an appraisal before joining. */
const CREATE_ORG = `mutation($input: CreatePartyOrganizationInput!) { createPartyOrganization(input: $input) { organization { id } } }`;
const ENROL = `mutation($input: EnrolPartyMemberInput!) { enrolPartyMember(input: $input) { member { id } } }`;
const NOMINATE = `mutation($input: NominateRedFlagInput!) { nominateRedFlag(input: $input) { period { period } } }`;
const DECIDE = `mutation($input: DecideRedFlagInput!) { decideRedFlag(input: $input) { period { period winnerStaffId } } }`;
const APPRAISE = `mutation($input: RecordPartyAppraisalInput!) { recordPartyAppraisal(input: $input) { appraisal { year grade } } }`;

describe.each(testDialects())('party-building follow-up rules on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  let branch: string;

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(partybuildingService, { dialect, natsUrl: nats.url, clock });
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'fu-member', birthDate: '1980-01-01' },
      { kind: 'STAFF', id: 'fu-leaves', department: 'FAMILY_PLANNING' },
      { kind: 'STAFF', id: 'fu-moves', department: 'SOCIAL_SECURITY' },
      { kind: 'STAFF', id: 'fu-stays', department: 'COMPREHENSIVE_GOVERNANCE' },
    ]);
    const committee = await service.graphql(CREATE_ORG, {
      input: { name: '社区党委', level: 'COMMITTEE', establishedOn: '2010-07-01' },
    });
    const created = await service.graphql(CREATE_ORG, {
      input: {
        name: '第一党支部',
        level: 'BRANCH',
        parentId: committee.data.createPartyOrganization.organization.id,
        establishedOn: '2010-07-01',
      },
    });
    expect(created.errors).toBeUndefined();
    branch = created.data.createPartyOrganization.organization.id;
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('awards the red flag only to a nominee still in post, in the department that nominated them', async () => {
    for (const [department, staffId] of [
      ['FAMILY_PLANNING', 'fu-leaves'],
      ['SOCIAL_SECURITY', 'fu-moves'],
      ['COMPREHENSIVE_GOVERNANCE', 'fu-stays'],
    ]) {
      const nominated = await service.graphql(NOMINATE, { input: { period: '2026-05', department, staffId } });
      expect(nominated.errors).toBeUndefined();
    }
    // after the nominations: one leaves the community's staff, one moves to another department
    await knownReferences(service, [
      { kind: 'STAFF', id: 'fu-leaves', department: 'FAMILY_PLANNING', status: 'INACTIVE', occurredAt: new Date() },
      { kind: 'STAFF', id: 'fu-moves', department: 'FAMILY_PLANNING', occurredAt: new Date() },
    ]);
    const left = await service.graphql(DECIDE, {
      input: { period: '2026-05', winnerStaffId: 'fu-leaves', decidedOn: '2026-06-02' },
    });
    expect(left.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'winnerStaffId' });
    expect(left.errors?.[0]?.message).toMatch(/已离岗/);
    const moved = await service.graphql(DECIDE, {
      input: { period: '2026-05', winnerStaffId: 'fu-moves', decidedOn: '2026-06-02' },
    });
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'winnerStaffId' });
    expect(moved.errors?.[0]?.message).toMatch(/已不在提名部门/);
    const period = await service.orm.em.fork().findOneOrFail(RedFlagPeriod, { period: '2026-05' });
    expect(period.winnerStaffId).toBeNull();
    expect(await service.orm.em.fork().count(OutboxMessage, { subject: { $like: '%red_flag.awarded' } })).toBe(0);

    const stays = await service.graphql(DECIDE, {
      input: { period: '2026-05', winnerStaffId: 'fu-stays', decidedOn: '2026-06-02' },
    });
    expect(stays.errors).toBeUndefined();
    expect(stays.data.decideRedFlag.period.winnerStaffId).toBe('fu-stays');
  });

  it('appraises a member only for years since they became a member', async () => {
    const enrolled = await service.graphql(ENROL, {
      input: {
        residentId: 'fu-member',
        branchId: branch,
        stage: 'FULL_MEMBER',
        probationaryOn: '2020-07-01',
        fullMemberOn: '2021-07-01',
      },
    });
    expect(enrolled.errors).toBeUndefined();
    const memberId = enrolled.data.enrolPartyMember.member.id;
    const before = await service.graphql(APPRAISE, { input: { memberId, year: 2019, grade: 'QUALIFIED' } });
    expect(before.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    expect(before.errors?.[0]?.message).toMatch(/早于其入党的 2020 年/);
    expect(await service.orm.em.fork().count(PartyAppraisal, { memberId })).toBe(0);
    const since = await service.graphql(APPRAISE, { input: { memberId, year: 2020, grade: 'QUALIFIED' } });
    expect(since.errors).toBeUndefined();
  });
});
