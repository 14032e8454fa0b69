import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseOpened } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { partybuildingRuleViolations } from '../src/application/rule-audit.js';
import { PartyTransfer } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

/*
 * A 组织关系转接 case opened in cases becomes a transfer request here (consumed `case.opened`), a path that kept
 * neither of the API's rules (fourth walk): a member's second case made a second open transfer out (the API refuses
 * it: «该党员已有未办结的转出申请»), and the request was dated by the UTC day of the case's instant, the day before
 * the community's for a case opened before 08:00 China time. Now a second case of a member with an open transfer out
 * makes none, the request is dated the community's day, and the rule audit names two open transfers out of a member.
 */
const caseOpened = (caseId: string, reporterId: string, openedAt: string) => ({
  caseId,
  number: `SQ-2026-${caseId}`,
  category: 'PARTY_MEMBERSHIP_TRANSFER' as const,
  channel: 'WALK_IN' as const,
  priority: 'NORMAL' as const,
  department: 'PARTY_AFFAIRS' as const,
  reporterId,
  residentIds: [reporterId],
  gridId: null,
  openedAt,
});

describe.each(testDialects())('transfers from cases keep the API’s rules on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  let memberId: string;
  const em = () => service.orm.em.fork();

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(partybuildingService, {
      dialect,
      natsUrl: nats.url,
      clock: new ManualClock(new Date('2026-06-30T02:00:00Z')),
    });
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'tc-member', birthDate: '1970-03-03' }]);
    publisher = new TestEventPublisher(nats.url);
    const committee = await service.graphql(
      `mutation { createPartyOrganization(input: { name: "社区党委", level: COMMITTEE, establishedOn: "2005-07-01" }) { organization { id } } }`,
    );
    const branch = await service.graphql(
      `mutation($p: ID!) { createPartyOrganization(input: { name: "第一党支部", level: BRANCH, parentId: $p, establishedOn: "2005-07-01" }) { organization { id } } }`,
      { p: committee.data.createPartyOrganization.organization.id },
    );
    const member = await service.graphql(
      `mutation($b: ID!) { enrolPartyMember(input: { residentId: "tc-member", branchId: $b, stage: FULL_MEMBER, fullMemberOn: "1999-07-01" }) { member { id } } }`,
      { b: branch.data.createPartyOrganization.organization.id },
    );
    expect(member.errors).toBeUndefined();
    memberId = member.data.enrolPartyMember.member.id;
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('dates the request by the community’s day and makes no second open transfer out of a member', async () => {
    // 2026-05-10 04:00 in China
    await publisher.publish(CaseOpened, caseOpened('tc-case-1', 'tc-member', '2026-05-09T20:00:00.000Z'));
    await publisher.publish(CaseOpened, caseOpened('tc-case-2', 'tc-member', '2026-05-12T02:00:00.000Z'));
    // a marker after both (events are consumed in order)
    await publisher.publish(CaseOpened, { ...caseOpened('tc-marker', 'tc-other', '2026-05-12T03:00:00.000Z') });
    await waitFor(() => em().findOne(PartyTransfer, { caseId: 'tc-marker' }), { what: 'the marker transfer' });
    const out = await em().find(PartyTransfer, { memberId });
    expect(out.map((t) => [t.caseId, t.direction, t.status, t.requestedOn])).toEqual([
      ['tc-case-1', 'OUT', 'REQUESTED', '2026-05-10'],
    ]);
    // the API refuses the same second request
    const second = await service.graphql(
      `mutation($m: ID!) { requestPartyTransfer(input: { direction: OUT, memberId: $m, requestedOn: "2026-05-12" }) { transfer { id } } }`,
      { m: memberId },
    );
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'memberId' });
    expect(second.errors?.[0]?.message).toContain('该党员已有未办结的转出申请');
  });

  it('the rule audit is silent over these rows and names a second open transfer out of a member', async () => {
    expect(await partybuildingRuleViolations(em(), '2026-06-30')).toEqual([]);
    const fork = em();
    const first = await fork.findOneOrFail(PartyTransfer, { caseId: 'tc-case-1' });
    fork.create(PartyTransfer, {
      id: 'tc-second',
      communityId: first.communityId,
      direction: 'OUT',
      memberId,
      residentId: 'tc-member',
      branch: first.branch,
      requestedOn: '2026-05-12',
      caseId: 'tc-case-2',
    });
    await fork.flush();
    const lines = await partybuildingRuleViolations(em(), '2026-06-30');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('同一党员只有一项未办结的转出');
  });
});
