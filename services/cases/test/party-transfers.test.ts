import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberTransferredIn, MemberTransferredOut } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import {
  knownReferences,
  startTestSubgraph,
  TestEventPublisher,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { Case } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const partyAffairs: Caller = { role: 'community_admin', subject: 'staff-dj', department: 'PARTY_AFFAIRS' };
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id status } } }`;
const ASSIGN = `mutation($input: AssignCaseInput!) { assignCase(input: $input) { case { status } } }`;
const TIMELINE = `query($id: ID!) { case(id: $id) { status resolutionNote timeline { action toStatus actorKind note } } }`;

describe.each(testDialects())('a 组织关系转接 case follows its transfer on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));

  const transferCase = async (reporterId: string): Promise<string> => {
    const opened = await service.graphql(
      OPEN,
      {
        input: {
          reporterId,
          category: 'PARTY_MEMBERSHIP_TRANSFER',
          channel: 'WALK_IN',
          description: '申请转接党组织关系',
        },
      },
      partyAffairs,
    );
    expect(opened.errors).toBeUndefined();
    const id = opened.data.openCase.case.id as string;
    const assigned = await service.graphql(
      ASSIGN,
      { input: { caseId: id, assigneeStaffId: 'staff-dj' } },
      partyAffairs,
    );
    expect(assigned.errors).toBeUndefined();
    return id;
  };
  const statusOf = async (id: string) => (await service.orm.em.fork().findOneOrFail(Case, id)).status;

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock });
    await knownReferences(service, [
      { kind: 'STAFF', id: 'staff-dj', department: 'PARTY_AFFAIRS' },
      { kind: 'RESIDENT', id: 'r-in' },
      { kind: 'RESIDENT', id: 'r-out' },
    ]);
    publisher = new TestEventPublisher(nats.url);
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('resolves the case when partybuilding completes its transfer in or out, once, on the timeline', async () => {
    const inCase = await transferCase('r-in');
    const outCase = await transferCase('r-out');
    clock.set(new Date('2026-06-10T02:00:00Z'));
    const transferredIn = await publisher.publish(MemberTransferredIn, {
      transferId: 'tr-1',
      memberId: 'pm-1',
      residentId: 'r-in',
      letterNumber: '闽组转〔2026〕12号',
      completedOn: '2026-06-10',
      fromOrganization: '泉州市某党支部',
      toOrganizationId: 'branch-1',
      caseId: inCase,
    });
    await publisher.publish(MemberTransferredOut, {
      transferId: 'tr-2',
      memberId: 'pm-2',
      residentId: 'r-out',
      letterNumber: '厦组转〔2026〕3号',
      completedOn: '2026-06-10',
      fromOrganizationId: 'branch-1',
      toOrganization: '福州市某党支部',
      caseId: outCase,
    });
    for (const id of [inCase, outCase])
      await waitFor(async () => ((await statusOf(id)) === 'RESOLVED' ? true : null), {
        timeoutMs: 30_000,
        what: 'case resolved by its transfer',
      });
    const seen = await service.graphql(TIMELINE, { id: inCase }, partyAffairs);
    expect(seen.data.case.resolutionNote).toMatch(/组织关系转入已于 2026-06-10 办结，介绍信 闽组转〔2026〕12号/);
    expect(seen.data.case.timeline.slice(-2)).toEqual([
      expect.objectContaining({ action: 'START', toStatus: 'IN_PROGRESS', actorKind: 'system' }),
      expect.objectContaining({ action: 'RESOLVE', toStatus: 'RESOLVED', actorKind: 'system' }),
    ]);
    // A redelivery moves nothing further.
    await publisher.republish(transferredIn);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await service.graphql(TIMELINE, { id: inCase }, partyAffairs);
    expect(again.data.case.timeline).toHaveLength(seen.data.case.timeline.length);
    expect(again.data.case.status).toBe('RESOLVED');
  });
});
