import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CaseOpened,
  ResidentDeceased,
  ResidentMovedOut,
  VolunteerHoursRecorded,
  type EventEnvelope,
} from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { PartyMember, PartyTransfer, VolunteerHoursCredit } from '../src/entities/index.js';
import { partybuildingService } from '../src/service.js';

const ADVANCE = `mutation($input: AdvancePartyTransferInput!) { advancePartyTransfer(input: $input) { transfer { id status letterNumber sentOn receivedOn completedOn member { id stage status branch { id } } } } }`;

const caseOpened = (
  caseId: string,
  category: 'PARTY_MEMBERSHIP_TRANSFER' | 'SANITATION',
  reporterId: string | null,
) => ({
  caseId,
  number: `SQ-2026-${caseId}`,
  category,
  channel: 'WALK_IN' as const,
  priority: 'NORMAL' as const,
  department: 'PARTY_AFFAIRS' as const,
  reporterId,
  residentIds: reporterId ? [reporterId] : [],
  gridId: null,
  openedAt: '2026-05-10T01:30:00.000Z',
});

describe.each(testDialects())('transfers and consumed events on %s (real nats-server)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  let branch: string;
  let memberId: string;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));

  const outboxEvents = async (subject: string) =>
    (await service.orm.em.fork().find(OutboxMessage, { subject })).map(
      (r) => JSON.parse(r.payload) as EventEnvelope<any>,
    );

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(partybuildingService, { dialect, natsUrl: nats.url, clock });
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'res-member', birthDate: '1970-03-03' },
      { kind: 'RESIDENT', id: 'res-newcomer' },
      { kind: 'RESIDENT', id: 'res-anonymous' },
    ]);
    publisher = new TestEventPublisher(nats.url);
    const committee = await service.graphql(
      `mutation { createPartyOrganization(input: { name: "社区党委", level: COMMITTEE, establishedOn: "2005-07-01" }) { organization { id } } }`,
    );
    const created = await service.graphql(
      `mutation($p: ID!) { createPartyOrganization(input: { name: "第二党支部", level: BRANCH, parentId: $p, establishedOn: "2005-07-01" }) { organization { id } } }`,
      {
        p: committee.data.createPartyOrganization.organization.id,
      },
    );
    branch = created.data.createPartyOrganization.organization.id;
    const member = await service.graphql(
      `mutation($b: ID!) { enrolPartyMember(input: { residentId: "res-member", branchId: $b, stage: FULL_MEMBER, fullMemberOn: "1999-07-01", birthDate: "1970-03-03" }) { member { id } } }`,
      { b: branch },
    );
    memberId = member.data.enrolPartyMember.member.id;
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('turns a 组织关系转接 case into one transfer request, ignoring other categories and redeliveries', async () => {
    const opened = await publisher.publish(
      CaseOpened,
      caseOpened('case-in-1', 'PARTY_MEMBERSHIP_TRANSFER', 'res-newcomer'),
    );
    await publisher.publish(CaseOpened, caseOpened('case-other', 'SANITATION', 'res-newcomer'));
    await publisher.publish(CaseOpened, caseOpened('case-out-1', 'PARTY_MEMBERSHIP_TRANSFER', 'res-member'));
    await waitFor(() => service.orm.em.fork().findOne(PartyTransfer, { caseId: 'case-out-1' }), {
      what: 'transfer from case-out-1',
    });
    await publisher.republish(opened);
    await publisher.publish(CaseOpened, { ...caseOpened('case-in-1', 'PARTY_MEMBERSHIP_TRANSFER', 'res-newcomer') });
    await publisher.publish(CaseOpened, caseOpened('case-marker', 'PARTY_MEMBERSHIP_TRANSFER', null));
    await waitFor(() => service.orm.em.fork().findOne(PartyTransfer, { caseId: 'case-marker' }), {
      what: 'marker transfer',
    });

    const transfers = await service.orm.em.fork().find(PartyTransfer, {}, { orderBy: { caseId: 'asc' } });
    expect(transfers.map((t) => [t.caseId, t.direction, t.residentId, t.status, t.requestedOn])).toEqual([
      ['case-in-1', 'IN', 'res-newcomer', 'REQUESTED', '2026-05-10'],
      ['case-marker', 'IN', null, 'REQUESTED', '2026-05-10'],
      ['case-out-1', 'OUT', 'res-member', 'REQUESTED', '2026-05-10'],
    ]);
    expect(transfers[2].memberId).toBe(memberId);
  });

  it('takes a transfer in through sent → received → completed, creating the member and publishing member.transferred_in', async () => {
    const transfer = await service.orm.em.fork().findOneOrFail(PartyTransfer, { caseId: 'case-in-1' });
    const skip = await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'COMPLETED', on: '2026-05-20' },
    });
    expect(skip.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(skip.errors?.[0]?.message).toContain('「已申请」');
    const noLetter = await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'SENT', on: '2026-05-12' },
    });
    expect(noLetter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'letterNumber' });
    const before = await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'SENT', on: '2026-05-09', letterNumber: '闽组转〔2026〕031号' },
    });
    expect(before.errors?.[0]?.extensions?.field).toBe('on');
    await service.graphql(ADVANCE, {
      input: {
        transferId: transfer.id,
        to: 'SENT',
        on: '2026-05-12',
        letterNumber: '闽组转〔2026〕031号',
        externalOrganization: '中共泉州市丰泽区东海街道某社区支部',
      },
    });
    await service.graphql(ADVANCE, { input: { transferId: transfer.id, to: 'RECEIVED', on: '2026-05-18' } });
    const noBranch = await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'COMPLETED', on: '2026-05-20' },
    });
    expect(noBranch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'branchId' });
    const done = await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'COMPLETED', on: '2026-05-20', branchId: branch, memberType: 'MOBILE' },
    });
    expect(done.errors).toBeUndefined();
    expect(done.data.advancePartyTransfer.transfer).toMatchObject({
      status: 'COMPLETED',
      sentOn: '2026-05-12',
      receivedOn: '2026-05-18',
      completedOn: '2026-05-20',
      member: { stage: 'FULL_MEMBER', status: 'ACTIVE', branch: { id: branch } },
    });
    const [event] = (await outboxEvents('shequ.partybuilding.member.transferred_in')).filter(
      (e) => e.data.transferId === transfer.id,
    );
    expect(event?.data).toMatchObject({
      residentId: 'res-newcomer',
      letterNumber: '闽组转〔2026〕031号',
      toOrganizationId: branch,
      fromOrganization: '中共泉州市丰泽区东海街道某社区支部',
      completedOn: '2026-05-20',
    });
  });

  it('completes a transfer from an anonymous case only once the resident is named', async () => {
    const transfer = await service.orm.em.fork().findOneOrFail(PartyTransfer, { caseId: 'case-marker' });
    await service.graphql(ADVANCE, {
      input: {
        transferId: transfer.id,
        to: 'SENT',
        on: '2026-05-12',
        letterNumber: '组转〔2026〕40号',
        externalOrganization: '中共思明区某街道工委',
      },
    });
    await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'RECEIVED', on: '2026-05-13', branchId: branch },
    });
    const unnamed = await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'COMPLETED', on: '2026-05-14' },
    });
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect((await service.orm.em.fork().findOneOrFail(PartyTransfer, transfer.id)).status).toBe('RECEIVED');
    const named = await service.graphql(ADVANCE, {
      input: {
        transferId: transfer.id,
        to: 'COMPLETED',
        on: '2026-05-14',
        residentId: 'res-anonymous',
        stage: 'PROBATIONARY',
        probationaryOn: '2025-12-01',
      },
    });
    expect(named.data.advancePartyTransfer.transfer.member).toMatchObject({ stage: 'PROBATIONARY', status: 'ACTIVE' });
  });

  it('takes a transfer out to completion: the record stays with status 已转出 and member.transferred_out is published', async () => {
    const transfer = await service.orm.em.fork().findOneOrFail(PartyTransfer, { caseId: 'case-out-1' });
    await service.graphql(ADVANCE, {
      input: {
        transferId: transfer.id,
        to: 'SENT',
        on: '2026-05-11',
        letterNumber: '莲党转〔2026〕07号',
        externalOrganization: '中共湖里区殿前街道某社区委员会',
      },
    });
    await service.graphql(ADVANCE, { input: { transferId: transfer.id, to: 'RECEIVED', on: '2026-05-15' } });
    const done = await service.graphql(ADVANCE, {
      input: { transferId: transfer.id, to: 'COMPLETED', on: '2026-05-16' },
    });
    expect(done.data.advancePartyTransfer.transfer.member).toMatchObject({ id: memberId, status: 'TRANSFERRED_OUT' });
    const events = (await outboxEvents('shequ.partybuilding.member.transferred_out')).filter(
      (e) => e.data.transferId === transfer.id,
    );
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        memberId,
        fromOrganizationId: branch,
        toOrganization: '中共湖里区殿前街道某社区委员会',
        letterNumber: '莲党转〔2026〕07号',
      }),
    ]);
    const again = await service.graphql(
      `mutation($m: ID!) { requestPartyTransfer(input: { direction: OUT, memberId: $m, requestedOn: "2026-06-01" }) { transfer { id } } }`,
      { m: memberId },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const listed = await service.graphql(`{ partyTransfers(status: COMPLETED) { totalCount } }`);
    expect(listed.data.partyTransfers.totalCount).toBe(3);
  });

  it('credits volunteer hours once per shift, whatever is redelivered or re-sent', async () => {
    const shift = {
      shiftId: 'shift-1',
      eventId: 'event-1',
      residentId: 'res-member',
      minutes: 90,
      servedOn: '2026-03-05',
    };
    const first = await publisher.publish(VolunteerHoursRecorded, shift);
    await publisher.publish(VolunteerHoursRecorded, {
      ...shift,
      shiftId: 'shift-2',
      minutes: 60,
      servedOn: '2025-12-01',
    });
    await publisher.republish(first);
    await publisher.publish(VolunteerHoursRecorded, shift);
    await publisher.publish(VolunteerHoursRecorded, { ...shift, shiftId: 'shift-marker', residentId: 'res-marker' });
    await waitFor(() => service.orm.em.fork().findOne(VolunteerHoursCredit, { shiftId: 'shift-marker' }), {
      what: 'marker credit',
    });
    expect(await service.orm.em.fork().count(VolunteerHoursCredit, { residentId: 'res-member' })).toBe(2);
    const result = await service.graphql(
      `query($id: ID!) { partyMember(id: $id) { all: volunteerMinutes this: volunteerMinutes(year: 2026) } }`,
      { id: memberId },
    );
    expect(result.data.partyMember).toEqual({ all: 150, this: 90 });
  });

  it('flags a member who died or moved out for follow-up, keeping the record; non-members are ignored', async () => {
    const newcomer = await service.orm.em.fork().findOneOrFail(PartyMember, { residentId: 'res-newcomer' });
    await publisher.publish(ResidentMovedOut, {
      residentId: 'res-newcomer',
      fromHouseholdId: null,
      movedOutOn: '2026-06-01',
      destination: '湖里区',
    });
    await publisher.publish(ResidentDeceased, { residentId: 'res-member', diedOn: '2026-06-02' });
    await publisher.publish(ResidentMovedOut, {
      residentId: 'res-member',
      fromHouseholdId: null,
      movedOutOn: '2026-06-03',
      destination: '集美区',
    });
    await publisher.publish(ResidentDeceased, { residentId: 'res-nobody', diedOn: '2026-06-02' });
    await waitFor(async () => (await service.orm.em.fork().findOneOrFail(PartyMember, newcomer.id)).followUpReason, {
      what: 'follow-up flag',
    });
    await waitFor(async () => (await service.orm.em.fork().findOneOrFail(PartyMember, memberId)).followUpReason, {
      what: 'deceased flag',
    });
    const flagged = await service.graphql(
      `{ partyMembers(filter: { followUpReason: MOVED_OUT }) { edges { node { followUpReason followUpSince status resident { id } } } } }`,
    );
    expect(flagged.data.partyMembers.edges.map((e: any) => e.node)).toEqual([
      { followUpReason: 'MOVED_OUT', followUpSince: '2026-06-01', status: 'ACTIVE', resident: { id: 'res-newcomer' } },
    ]);
    await waitFor(
      async () =>
        (await service.orm.em.fork().count(PartyMember, { followUpReason: { $ne: null } })) === 2 || undefined,
      { what: 'two flags' },
    );
    const deceased = await service.orm.em.fork().findOneOrFail(PartyMember, memberId);
    expect([deceased.followUpReason, deceased.followUpSince]).toEqual(['DECEASED', '2026-06-02']);
    expect(await service.orm.em.fork().count(PartyMember, {})).toBe(3);
  });
});
