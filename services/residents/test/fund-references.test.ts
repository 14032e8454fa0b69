import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseClosed, CaseOpened, EventCancelled, EventPublished } from '@shequ/contracts';
import { startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  CaseProjection,
  CommunityEventProjection,
  FundDisbursement,
  FundDonation,
} from '../src/entities/fund/index.js';
import { residentsService } from '../src/service.js';
import { COMMUNITY, placesFixture, residentIn } from './fixtures.js';

const CIVIL = { role: 'civil_affairs' } as const;
const OTHER_COMMUNITY = '350203008007';
const DONATE = `mutation($input: RecordFundDonationInput!) { recordFundDonation(input: $input) { donation { id event { id } } } }`;
const PROPOSE = `mutation($input: ProposeFundDisbursementInput!) { proposeFundDisbursement(input: $input) { disbursement { id case { id } } } }`;

const published = (eventId: string) => ({
  eventId,
  title: '每月一台晚会',
  type: 'GALA' as const,
  startsAt: '2026-02-20T11:30:00Z',
  endsAt: '2026-02-20T13:30:00Z',
  venueId: null,
  capacity: null,
});
const opened = (caseId: string) => ({
  caseId,
  number: `SQ-2026-${caseId}`,
  category: 'ASSISTANCE_APPLICATION' as const,
  channel: 'WALK_IN' as const,
  priority: 'NORMAL' as const,
  department: 'SOCIAL_SECURITY' as const,
  reporterId: 'resident-3',
  residentIds: ['resident-3'],
  gridId: 'grid-a',
  openedAt: '2026-02-21T02:00:00Z',
});

describe.each(testDialects())('阳光爱心基金 references to events and cases on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let events: TestEventPublisher;
  let cases: TestEventPublisher;
  let receipt = 0;

  const donate = (eventId: string) =>
    service.graphql(
      DONATE,
      {
        input: {
          form: 'MONEY',
          amountFen: 88000,
          receiptNumber: `GALA-${dialect}-${++receipt}`,
          receivedOn: '2026-02-20',
          eventId,
        },
      },
      { role: 'culture' },
    );
  const propose = (caseId: string) =>
    service.graphql(
      PROPOSE,
      { input: { residentId: 'resident-3', reason: 'ILLNESS', amountFen: 200000, statement: '术后康复困难', caseId } },
      CIVIL,
    );
  const refusal = (result: Awaited<ReturnType<typeof donate>>, id: string) => ({
    message: String(result.errors?.[0]?.message).replace(id, '<id>'),
    extensions: result.errors?.[0]?.extensions,
  });
  const written = async () => {
    const em = service.orm.em.fork();
    return (await em.count(FundDonation, {})) + (await em.count(FundDisbursement, {}));
  };
  const known = <T extends object>(entity: new () => T, where: Record<string, string>, test = (_: T) => true) =>
    waitFor(
      async () => {
        const row = await service.orm.em.fork().findOne(entity, where);
        return row && test(row) ? row : null;
      },
      { what: JSON.stringify(where) },
    );

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, { dialect, natsUrl: nats.url });
    events = new TestEventPublisher(nats.url);
    cases = new TestEventPublisher(nats.url);
    const em = service.orm.em.fork();
    const { households } = await placesFixture(em);
    residentIn(em, households[0], '谢晨阳', '1968-04-12', 3);
    await em.flush();
  });
  afterAll(async () => {
    await events?.close();
    await cases?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses a gala the events service has not announced, then accepts it once the event arrives', async () => {
    const unknown = await donate('gala-feb');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    expect(unknown.errors?.[0]?.message).toContain('尚未同步到居民服务');
    expect(await written()).toBe(0);

    await events.publish(EventPublished, published('gala-feb'), { communityId: COMMUNITY });
    await known(CommunityEventProjection, { eventId: 'gala-feb' });
    const accepted = await donate('gala-feb');
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.recordFundDonation.donation.event).toEqual({ id: 'gala-feb' });
  });

  it('refuses another community’s event and a cancelled one, writing nothing', async () => {
    await events.publish(EventPublished, published('gala-elsewhere'), { communityId: OTHER_COMMUNITY });
    await known(CommunityEventProjection, { eventId: 'gala-elsewhere' });
    await events.publish(EventPublished, published('gala-rained-off'), { communityId: COMMUNITY });
    await events.publish(
      EventCancelled,
      { eventId: 'gala-rained-off', reason: '台风', cancelledAt: '2026-02-19T02:00:00Z' },
      { communityId: COMMUNITY },
    );
    await known(CommunityEventProjection, { eventId: 'gala-rained-off' }, (row) => row.status === 'CANCELLED');
    const before = await written();
    for (const eventId of ['gala-elsewhere', 'gala-rained-off']) {
      const refused = await donate(eventId);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    }
    expect(await written()).toBe(before);
    // another community's event is refused as one never announced: the refusal tells nothing of it
    expect(refusal(await donate('gala-elsewhere'), 'gala-elsewhere')).toEqual(
      refusal(await donate('gala-nowhere'), 'gala-nowhere'),
    );
  });

  it('refuses a case the cases service has not announced or of another community, then accepts it once it arrives', async () => {
    const before = await written();
    const unknown = await propose('case-7');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
    expect(unknown.errors?.[0]?.message).toContain('尚未同步到居民服务');

    await cases.publish(CaseOpened, opened('case-elsewhere'), { communityId: OTHER_COMMUNITY });
    await known(CaseProjection, { caseId: 'case-elsewhere' });
    const foreign = await propose('case-elsewhere');
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
    // another community's case is refused as one never announced: the refusal tells nothing of it
    expect(refusal(foreign, 'case-elsewhere')).toEqual(refusal(unknown, 'case-7'));
    expect(await written()).toBe(before);

    const opening = await cases.publish(CaseOpened, opened('case-7'), { communityId: COMMUNITY });
    await known(CaseProjection, { caseId: 'case-7' });
    const accepted = await propose('case-7');
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.proposeFundDisbursement.disbursement.case).toEqual({ id: 'case-7' });

    // Closing is recorded; a redelivered opening does not reopen the case.
    await cases.publish(
      CaseClosed,
      { caseId: 'case-7', number: 'SQ-2026-case-7', finalStatus: 'CLOSED', closedAt: '2026-03-01T02:00:00Z' },
      { communityId: COMMUNITY },
    );
    await known(CaseProjection, { caseId: 'case-7' }, (row) => row.status === 'CLOSED');
    await cases.republish(opening);
    await cases.publish(CaseOpened, opened('case-8'), { communityId: COMMUNITY });
    await known(CaseProjection, { caseId: 'case-8' });
    expect((await service.orm.em.fork().findOneOrFail(CaseProjection, { caseId: 'case-7' })).status).toBe('CLOSED');
  });

  it('refuses a case of another department or category, and an application closed as rejected or duplicate, writing nothing', async () => {
    // a 综治 dispute, a housing repair (综治 too), a certificate (办公室), and a 救助申请 announced for another department
    const others = [
      { id: 'case-dispute', category: 'NEIGHBOUR_DISPUTE', department: 'COMPREHENSIVE_GOVERNANCE' },
      { id: 'case-repair', category: 'HOUSING_REPAIR', department: 'COMPREHENSIVE_GOVERNANCE' },
      { id: 'case-certificate', category: 'CERTIFICATE', department: 'OFFICE' },
      { id: 'case-misrouted', category: 'ASSISTANCE_APPLICATION', department: 'COMPREHENSIVE_GOVERNANCE' },
    ] as const;
    for (const other of others) {
      await cases.publish(
        CaseOpened,
        { ...opened(other.id), category: other.category, department: other.department },
        { communityId: COMMUNITY },
      );
      await known(CaseProjection, { caseId: other.id });
    }
    expect((await service.orm.em.fork().findOneOrFail(CaseProjection, { caseId: 'case-repair' })).department).toBe(
      'COMPREHENSIVE_GOVERNANCE',
    );
    for (const [id, finalStatus] of [
      ['case-rejected', 'REJECTED'],
      ['case-duplicate', 'DUPLICATE'],
    ] as const) {
      await cases.publish(CaseOpened, opened(id), { communityId: COMMUNITY });
      await cases.publish(
        CaseClosed,
        { caseId: id, number: `SQ-2026-${id}`, finalStatus, closedAt: '2026-03-01T02:00:00Z' },
        { communityId: COMMUNITY },
      );
      await known(CaseProjection, { caseId: id }, (row) => row.status === finalStatus);
    }
    const before = await written();
    for (const id of [...others.map((o) => o.id), 'case-rejected', 'case-duplicate']) {
      const refused = await propose(id);
      expect(refused.errors?.[0]?.extensions, id).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseId' });
      expect(refused.errors?.[0]?.message, id).toContain('caseId');
      if (['case-rejected', 'case-duplicate'].includes(id))
        expect(refused.errors?.[0]?.message, id).toMatch(/已按(不予受理|重复事项)结案/);
      // another department's case is refused as one never announced: 保障站 learns nothing of it
      else
        expect(refusal(refused, id), id).toEqual(
          refusal(await propose('case-never-announced'), 'case-never-announced'),
        );
    }
    expect(await written()).toBe(before);

    // a 救助申请 of 保障站 closed after its handling is still the record the help answers
    await cases.publish(CaseOpened, opened('case-handled'), { communityId: COMMUNITY });
    await cases.publish(
      CaseClosed,
      {
        caseId: 'case-handled',
        number: 'SQ-2026-case-handled',
        finalStatus: 'CLOSED',
        closedAt: '2026-03-01T02:00:00Z',
      },
      { communityId: COMMUNITY },
    );
    await known(CaseProjection, { caseId: 'case-handled' }, (row) => row.status === 'CLOSED');
    const accepted = await propose('case-handled');
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.proposeFundDisbursement.disbursement.case).toEqual({ id: 'case-handled' });
  });
});
