import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { CommunityEvent } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/** Faults left by the review of 2026-12-04 afternoon: a rehearsal of a gala that is over, two teams of one name. */
const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`;
const CANCEL = `mutation($id: ID!) { cancelCommunityEvent(input: { eventId: $id, reason: "台风预警" }) { event { status } } }`;

describe.each(testDialects())('events follow-up rules on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  const em = () => service.orm.em.fork();

  const plan = async (input: Record<string, unknown>) =>
    service.graphql(PLAN, {
      input: {
        startsAt: '2027-01-20T07:00:00Z',
        endsAt: '2027-01-20T09:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
        ...input,
      },
    });

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(eventsService, { dialect, natsUrl: nats.url, clock });
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('attaches no rehearsal to a gala that was cancelled or is over (CONFLICT naming rehearsalForId)', async () => {
    const galaOf = async (title: string) => {
      const planned = await plan({ title, type: 'GALA', capacity: 80 });
      expect(planned.errors).toBeUndefined();
      return planned.data.planCommunityEvent.event.id as string;
    };
    const cancelled = await galaOf('元宵晚会');
    expect((await service.graphql(CANCEL, { id: cancelled })).errors).toBeUndefined();
    const finished = await galaOf('迎新晚会');
    // held and completed (the path through startCommunityEvent/completeCommunityEvent is the events-graph test's)
    await em().nativeUpdate(CommunityEvent, { id: finished }, { status: 'COMPLETED' });
    const before = await em().count(CommunityEvent, { type: 'REHEARSAL' });
    for (const [gala, label] of [
      [cancelled, '已取消'],
      [finished, '已结束'],
    ]) {
      const rehearsal = await plan({ title: '彩排', type: 'REHEARSAL', rehearsalForId: gala });
      expect(rehearsal.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'rehearsalForId' });
      expect(rehearsal.errors?.[0]?.message).toContain(label);
    }
    expect(await em().count(CommunityEvent, { type: 'REHEARSAL' })).toBe(before);
    const live = await galaOf('春节联欢晚会');
    expect((await plan({ title: '彩排', type: 'REHEARSAL', rehearsalForId: live })).errors).toBeUndefined();
  });
});
