import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import { Departments } from '@shequ/contracts';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { eventStatisticsOf, type EventStatisticsFilter } from '../src/application/event-statistics-query.js';
import { eventStatistics } from '../src/domain/event-statistics.js';
import type { EventStatisticsDimension } from '../src/domain/vocabularies.js';
import { CommunityEvent, Registration, ResidentProfile, Team } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

const COMMUNITY = '350203008006';
const OTHER = '350203008007';

/** The former computation, kept here as the reference: every event and registration loaded, counted in memory. */
async function inMemory(
  em: EntityManager,
  communityId: unknown,
  groupBy: EventStatisticsDimension[],
  filter: EventStatisticsFilter = {},
) {
  const where: Record<string, unknown> = { communityId, status: { $ne: 'CANCELLED' } };
  if (filter.from || filter.to)
    where.startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.types?.length) where.type = { $in: filter.types };
  const events = await em.find(CommunityEvent, where, { populate: ['venue'] });
  const teams = new Map((await em.find(Team, {})).map((t) => [t.id, t.name]));
  const registrations = await em.find(Registration, { event: { $in: events.map((e) => e.id) } });
  const profiles = await em.find(ResidentProfile, { birthDate: { $ne: null } });
  return eventStatistics(
    [...new Set(groupBy)],
    events.map((e) => ({
      id: e.id,
      type: e.type,
      startsAt: e.startsAt,
      venueKey: e.venue?.getEntity().name ?? null,
      organiserKey:
        e.organiserKind === 'DEPARTMENT'
          ? `部门：${e.organiserDepartment ? Departments.labels[e.organiserDepartment] : '未指明'}`
          : e.organiserKind === 'TEAM'
            ? `团队：${teams.get(e.organiserTeamId ?? '') ?? '未知团队'}`
            : `单位：${e.organiserOrganizationId}`,
      audience: e.audience,
    })),
    registrations.map((r) => ({ eventId: r.event.id, residentId: r.residentId, status: r.status })),
    new Map(profiles.map((p) => [p.residentId, p.birthDate!])),
  );
}

const DIMENSIONS: EventStatisticsDimension[][] = [
  ['TYPE'],
  ['MONTH'],
  ['VENUE'],
  ['ORGANISER'],
  ['AUDIENCE'],
  ['TYPE', 'MONTH'],
  ['ORGANISER', 'AUDIENCE', 'VENUE'],
  ['MONTH', 'TYPE', 'MONTH'],
];

describe.each(testDialects())('eventStatistics answered by the database on %s', (dialect) => {
  let service: TestSubgraph;
  const fresh = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect, seed: true });
  });
  afterAll(() => service?.stop());

  async function expectSameAsInMemory(communityId: unknown = COMMUNITY) {
    let groups = 0;
    for (const groupBy of DIMENSIONS) {
      const filters: EventStatisticsFilter[] = [
        {},
        { types: ['LECTURE', 'GALA'] },
        { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') },
      ];
      for (const filter of filters) {
        const expected = await inMemory(fresh(), communityId, groupBy, filter);
        const actual = await eventStatisticsOf(fresh(), { communityId } as never, groupBy, filter);
        expect(actual).toEqual(expected);
        groups += expected.length;
      }
    }
    return groups;
  }

  it('gives the same groups as the former in-memory counting over the demo events', async () => {
    expect(await expectSameAsInMemory()).toBeGreaterThan(40);
    const byType = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['TYPE']);
    expect(byType.some((g) => g.uniqueParticipants > 0 && g.elderlyShare !== null)).toBe(true);
  });

  it('stays the same after cancellations, attendance changes, moves of month and deletions', async () => {
    const em = fresh();
    const events = await em.find(
      CommunityEvent,
      { communityId: COMMUNITY, status: { $ne: 'CANCELLED' } },
      {
        orderBy: { id: 'asc' },
        limit: 6,
      },
    );
    events[0].status = 'CANCELLED';
    events[1].startsAt = new Date(events[1].startsAt.getTime() - 40 * 86_400_000);
    events[2].type = events[2].type === 'LECTURE' ? 'GALA' : 'LECTURE';
    const registrations = await em.find(Registration, { event: { $in: events.slice(3).map((e) => e.id) } });
    expect(registrations.length).toBeGreaterThan(2);
    registrations[0].status = registrations[0].status === 'ATTENDED' ? 'NO_SHOW' : 'ATTENDED';
    em.remove(registrations[1]);
    await em.flush();
    await expectSameAsInMemory();
  });

  it('keeps to the caller’s communities: a community analyst, a street analyst', async () => {
    const em = fresh();
    em.create(CommunityEvent, {
      id: 'other-community-lecture',
      communityId: OTHER,
      title: '防诈骗讲座',
      type: 'LECTURE',
      startsAt: new Date('2026-10-10T02:00:00Z'),
      endsAt: new Date('2026-10-10T04:00:00Z'),
      status: 'COMPLETED',
    } as never);
    await em.flush();
    const query = `{ eventStatistics(groupBy: [TYPE], filter: { types: [LECTURE] }) { events } }`;
    const own = await service.graphql(query, undefined, { role: 'analyst' });
    const street = await service.graphql(query, undefined, { role: 'analyst', community: '350203008' });
    const other = await service.graphql(query, undefined, { role: 'analyst', community: OTHER });
    expect(own.errors ?? street.errors ?? other.errors).toBeUndefined();
    const lectures = (await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['TYPE'], { types: ['LECTURE'] }))[0]
      .events;
    expect(own.data.eventStatistics[0].events).toBe(lectures);
    expect(other.data.eventStatistics).toEqual([{ events: 1 }]);
    // the street: 莲秀, the demo street's other communities and the lecture above, counted apart from the SQL
    const streetLectures = (await inMemory(fresh(), { $like: '350203008%' }, ['TYPE'], { types: ['LECTURE'] }))[0]
      .events;
    expect(streetLectures).toBeGreaterThan(lectures);
    expect(street.data.eventStatistics).toEqual([{ events: streetLectures }]);
    await expectSameAsInMemory({ $like: '350203008%' });
  });

  it('loads no event, registration or profile to answer (counts come from the database)', async () => {
    const em = fresh();
    const groups = await eventStatisticsOf(em, { communityId: COMMUNITY }, ['ORGANISER', 'MONTH']);
    expect(groups.length).toBeGreaterThan(3);
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});
