import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityEventStatus } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph, largestStatementResult } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CommunityEvent, Venue } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/*
 * A page of venues with their usage log (使用记录) and bookings (预订), first N each, read every event ever held or
 * booked at each venue and kept the first N in memory (the loaders' `limitPerKey`): a hall used daily for years sent
 * back thousands of rows for a page of three. The database now chooses the first N of each venue (a window), so no
 * statement returns more rows than the page shows; the answer is the same.
 */
const COMMUNITY = '350203008006';
const NOW = new Date('2026-06-15T02:00:00Z');
const HOUR = 3_600_000;
const PAGE = `{ venues(first: 10) { edges { node { id usageLog(first: 3) { id startsAt status } bookings(first: 2) { id startsAt status } } } } }`;

describe.each(testDialects())('a venue page reads the first events of each venue only, on %s', (dialect) => {
  let service: TestSubgraph;
  const fresh = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect, clock: new ManualClock(NOW) });
    const em = fresh();
    const venues = ['hall', 'square', 'room'].map((id, i) =>
      em.create(Venue, { id: `venue-${id}`, communityId: COMMUNITY, name: `场地 ${i}`, kind: 'ACTIVITY_ROOM' }),
    );
    let n = 0;
    const event = (venue: Venue, status: CommunityEventStatus, startsAt: Date) =>
      em.create(CommunityEvent, {
        id: `ev-${String(++n).padStart(3, '0')}`,
        communityId: COMMUNITY,
        title: `活动 ${n}`,
        type: 'LECTURE',
        venue,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        status,
      });
    // the hall: 40 held (two at the same hour), 25 booked, some cancelled; the square: a few; the room: none
    for (let d = 1; d <= 40; d++)
      event(venues[0], d % 7 ? 'COMPLETED' : 'ONGOING', new Date(NOW.getTime() - d * 24 * HOUR));
    event(venues[0], 'COMPLETED', new Date(NOW.getTime() - 1 * 24 * HOUR));
    for (let d = 1; d <= 25; d++) event(venues[0], d % 3 ? 'PLANNED' : 'OPEN', new Date(NOW.getTime() + d * 24 * HOUR));
    for (let d = 1; d <= 5; d++) event(venues[0], 'CANCELLED', new Date(NOW.getTime() + d * 12 * HOUR));
    event(venues[1], 'COMPLETED', new Date(NOW.getTime() - 3 * 24 * HOUR));
    event(venues[1], 'FULL', new Date(NOW.getTime() + 3 * 24 * HOUR));
    await em.flush();
  });
  afterAll(() => service?.stop());

  /** Runs `work`, telling the most rows any one statement returned (libs/subgraph `largestStatementResult`). */
  const largestResult = <T>(work: () => Promise<T>) => largestStatementResult(service.orm, work);

  it('answers each venue’s first events as every event sorted would, reading at most a page of rows', async () => {
    const { value: result, largest } = await largestResult(() => service.graphql(PAGE));
    expect(result.errors).toBeUndefined();
    const all = await fresh().find(CommunityEvent, {}, { orderBy: { id: 'asc' } });
    const pick = (venueId: string, statuses: string[], direction: 1 | -1, count: number) =>
      all
        .filter((e) => e.venue?.id === venueId && statuses.includes(e.status))
        .sort((a, b) => direction * (a.startsAt.getTime() - b.startsAt.getTime()) || (a.id < b.id ? -1 : 1))
        .slice(0, count)
        .map((e) => ({ id: e.id, startsAt: e.startsAt.toISOString(), status: e.status }));
    const nodes = result.data.venues.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
    expect(nodes.map((node: { id: string }) => node.id).sort()).toEqual(['venue-hall', 'venue-room', 'venue-square']);
    for (const node of nodes) {
      const held = pick(node.id, ['ONGOING', 'COMPLETED'], -1, 3);
      // the two held at the same hour: either may come first, as before
      expect(
        node.usageLog.map((e: { startsAt: string }) => e.startsAt),
        node.id,
      ).toEqual(held.map((e) => e.startsAt));
      expect(node.bookings, node.id).toEqual(pick(node.id, ['PLANNED', 'OPEN', 'FULL'], 1, 2));
    }
    expect(nodes.find((node: { id: string }) => node.id === 'venue-hall').usageLog).toHaveLength(3);
    // the venues (3), the first three held and two booked of each: never the hall's 41 held or 25 booked
    expect(largest).toBeLessThanOrEqual(9);
  });
});
