import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import { CommunityEventTypes, communityYearMonth, Departments } from '@shequ/contracts';
import { InMemoryApiKeys, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ensureRollups } from '@shequ/database';
import {
  eventStatisticsOf,
  keptReadOf,
  keptScopeOf,
  monthSplitOf,
  type EventStatisticsFilter,
  type EventStatisticsOptions,
} from '../src/application/event-statistics-query.js';
import { eventAttendanceRollup, eventRegistrationRollup } from '../src/application/event-statistics-rollup.js';
import { recordResident } from '../src/application/resident-projection.js';
import { eventStatistics } from '../src/domain/event-statistics.js';
import { EventAudiences, type EventStatisticsDimension } from '../src/domain/vocabularies.js';
import { CommunityEvent, Registration, ResidentProfile, Team, Venue } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

const COMMUNITY = '350203008006';
const OTHER = '350203008007';

/**
 * The former computation, kept here as the reference: every event and registration in scope and filter loaded,
 * then counted in memory for any grouping (loaded once for several groupings).
 */
async function inMemoryOf(em: EntityManager, communityId: unknown, filter: EventStatisticsFilter = {}) {
  const where: Record<string, unknown> = { communityId, status: { $ne: 'CANCELLED' } };
  if (filter.from || filter.to)
    where.startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.types?.length) where.type = { $in: filter.types };
  const events = await em.find(CommunityEvent, where, { populate: ['venue'] });
  const registrations = await em.find(Registration, { event: { $in: events.map((e) => e.id) } });
  const profiles = await em.find(ResidentProfile, { birthDate: { $ne: null } });
  const rows = events.map((e) => ({
    id: e.id,
    type: e.type,
    startsAt: e.startsAt,
    // grouped by ids (named afterwards): the venue's id, the organiser's kind and code or id
    venueKey: e.venue?.id ?? null,
    organiserKey:
      e.organiserKind === 'DEPARTMENT'
        ? `DEPARTMENT:${e.organiserDepartment ?? ''}`
        : e.organiserKind === 'TEAM'
          ? `TEAM:${e.organiserTeamId ?? ''}`
          : `ORGANIZATION:${e.organiserOrganizationId ?? ''}`,
    audience: e.audience,
  }));
  const attendances = registrations.map((r) => ({ eventId: r.event.id, residentId: r.residentId, status: r.status }));
  const births = new Map(profiles.map((p) => [p.residentId, p.birthDate!]));
  return (groupBy: EventStatisticsDimension[]) => eventStatistics([...new Set(groupBy)], rows, attendances, births);
}

async function inMemory(
  em: EntityManager,
  communityId: unknown,
  groupBy: EventStatisticsDimension[],
  filter: EventStatisticsFilter = {},
) {
  return (await inMemoryOf(em, communityId, filter))(groupBy);
}

const DIMENSIONS: EventStatisticsDimension[][] = [
  ['TYPE'],
  ['MONTH'],
  ['VENUE'],
  ['ORGANISER'],
  ['AUDIENCE'],
  ['TYPE', 'MONTH'],
  ['VENUE', 'ORGANISER'],
  ['AUDIENCE', 'TYPE'],
  ['ORGANISER', 'AUDIENCE', 'VENUE'],
  ['MONTH', 'AUDIENCE', 'TYPE'],
  ['MONTH', 'TYPE', 'MONTH'],
  ['TYPE', 'MONTH', 'VENUE', 'AUDIENCE'],
  ['VENUE', 'ORGANISER', 'AUDIENCE', 'TYPE'],
  ['AUDIENCE', 'ORGANISER', 'VENUE', 'MONTH', 'TYPE'],
];

/** 2026-07-01 00:00 to 2026-12-01 00:00 of the community calendar (UTC+8): whole months. */
const MONTHS = { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') };
/** July 2026 of the community calendar (UTC+8), one whole month. */
const JULY = { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-07-31T16:00:00Z') };
/** The third quarter of 2026 of the community calendar (1 July to 1 October 00:00, UTC+8). */
const QUARTER = { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-09-30T16:00:00Z') };
/** The year 2026 of the community calendar (1 January 2026 to 1 January 2027 00:00, UTC+8). */
const YEAR = { from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') };
/** Instants inside community days (07-15 11:00 to 10-08 17:30, UTC+8). */
const INSTANTS = { from: new Date('2026-07-15T03:00:00Z'), to: new Date('2026-10-08T09:30:00Z') };

/** The kept distinct counts, the groups with someone in them (a group whose residents all left keeps zeros). */
async function keptCounts(em: EntityManager) {
  const rows = await em
    .getConnection()
    .execute(
      `select * from "event_participant_count" where "n" <> 0 or "known" <> 0 or "elderly" <> 0 order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
    );
  return rows.map((r: Record<string, unknown>) => JSON.stringify(Object.values(r).map(String)));
}

describe.each(testDialects())('eventStatistics answered by the database on %s', (dialect) => {
  let service: TestSubgraph;
  const keys = new InMemoryApiKeys();
  const fresh = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, {
      dialect,
      seed: true,
      apiKeys: keys,
      registeredCommunities: [COMMUNITY, OTHER], // the other community's analyst is taken: a token's home must be registered
    });
  });
  afterAll(() => service?.stop());

  /** Runs `work`, telling whether it counted over `event_attendance` (the scan) rather than only kept counts. */
  async function scanned<T>(work: () => Promise<T>): Promise<{ value: T; scanned: boolean }> {
    const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
    try {
      const value = await work();
      const scan = spy.mock.calls.some(([sql]) => typeof sql === 'string' && sql.includes('from "event_attendance"'));
      return { value, scanned: scan };
    } finally {
      spy.mockRestore();
    }
  }

  /**
   * Every dimension set and filter, read as the API reads them (kept counts where they answer, else the
   * attendances) and over the attendances only, equal to the in-memory rule; a query the kept counts answer does
   * not count over the attendances (unless `collide`, a dimension whose labels two kept groups share); then the
   * kept counts, emptied and counted again from the attendances as at start, equal to what the writes kept.
   */
  async function expectSameAsInMemory(communityId: unknown = COMMUNITY, collide?: EventStatisticsDimension) {
    let groups = 0;
    const filters: EventStatisticsFilter[] = [
      {},
      { types: ['LECTURE', 'GALA'] },
      MONTHS,
      JULY,
      INSTANTS,
      { from: MONTHS.from, types: ['LECTURE'] },
      { types: ['GALA'] },
      { ...JULY, types: ['LECTURE'] },
      QUARTER,
      YEAR,
    ];
    for (const filter of filters) {
      const reference = await inMemoryOf(fresh(), communityId, filter);
      // a quarter or a year: the sets without MONTH (kept per period; with MONTH, as any whole months)
      const period = filter === QUARTER || filter === YEAR;
      for (const groupBy of period ? DIMENSIONS.filter((d) => !d.includes('MONTH')) : DIMENSIONS) {
        const expected = reference(groupBy);
        const actual = await scanned(() => eventStatisticsOf(fresh(), { communityId } as never, groupBy, filter));
        expect(actual.value).toEqual(expected);
        const dimensions = [...new Set(groupBy)];
        const read = keptReadOf(dimensions, filter);
        if (read && !read.combinesTypes && !(collide && dimensions.includes(collide)))
          expect(actual.scanned, `${groupBy.join(', ')} ${JSON.stringify(filter)}`).toBe(false);
        if (!keptReadOf(dimensions, filter) && !dimensions.includes('MONTH')) expect(actual.scanned).toBe(true);
        const scan = await eventStatisticsOf(fresh(), { communityId } as never, groupBy, filter, { kept: false });
        expect(scan).toEqual(expected);
        groups += expected.length;
      }
    }
    await expectKeptAsCounted();
    return groups;
  }

  async function expectKeptAsCounted() {
    const kept = await keptCounts(fresh());
    expect(kept.length).toBeGreaterThan(100);
    await fresh().getConnection().execute(`delete from "event_participant_count"`);
    await ensureRollups(fresh(), [eventAttendanceRollup]);
    expect(await keptCounts(fresh())).toEqual(kept);
  }

  it('gives the same groups as the former in-memory counting over the demo events', async () => {
    expect(await expectSameAsInMemory()).toBeGreaterThan(40);
    const byType = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['TYPE']);
    expect(byType.some((g) => g.uniqueParticipants > 0 && g.elderlyShare !== null)).toBe(true);
  }, 120_000);

  it('gives every group its keys in the order of groupBy, with Chinese labels, in the natural order', async () => {
    type Key = { dimension: string; value: string; label: string };
    const venues = new Map((await fresh().find(Venue, {})).map((v) => [v.id, v.name]));
    const teams = new Map((await fresh().find(Team, {})).map((t) => [t.id, t.name]));
    const collator = new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' });
    const types = CommunityEventTypes.codes as readonly string[];
    const audiences = EventAudiences.codes as readonly string[];
    const unknownLast = (a: Key, b: Key) => Number(a.value === 'UNKNOWN') - Number(b.value === 'UNKNOWN');
    for (const caller of [{}, { role: 'analyst' as const }]) {
      const result = await service.graphql(
        `{ eventStatistics(groupBy: [VENUE, MONTH, TYPE]) { keys { dimension value label } venue month type events } }`,
        undefined,
        caller,
      );
      expect(result.errors).toBeUndefined();
      const groups = result.data.eventStatistics as Array<Record<string, unknown> & { keys: Key[] }>;
      expect(groups.length).toBeGreaterThan(10);
      for (const { keys, venue, month, type } of groups) {
        expect(keys.map((k) => k.dimension)).toEqual(['VENUE', 'MONTH', 'TYPE']);
        expect(keys[0].label).toBe(keys[0].value === 'UNKNOWN' ? '未知' : venues.get(keys[0].value));
        expect(keys[1].label).toBe(`${keys[1].value.slice(0, 4)}年${Number(keys[1].value.slice(5))}月`);
        expect(keys[2].label).toBe(
          CommunityEventTypes.labels[keys[2].value as keyof typeof CommunityEventTypes.labels],
        );
        // the former columns say the same
        expect([venue, month, type]).toEqual([
          keys[0].value === 'UNKNOWN' ? null : keys[0].label,
          keys[1].value,
          keys[2].value,
        ]);
      }
      for (let i = 1; i < groups.length; i++) {
        const [a, b] = [groups[i - 1].keys, groups[i].keys];
        const order =
          unknownLast(a[0], b[0]) ||
          collator.compare(a[0].label, b[0].label) ||
          a[0].value.localeCompare(b[0].value) ||
          a[1].value.localeCompare(b[1].value) ||
          types.indexOf(a[2].value) - types.indexOf(b[2].value);
        expect(order, JSON.stringify([a, b])).toBeLessThan(0);
      }
    }
    const organisers = await service.graphql(
      `{ eventStatistics(groupBy: [AUDIENCE, ORGANISER]) { keys { dimension value label organization { id } } organiser audience } }`,
    );
    expect(organisers.errors).toBeUndefined();
    const groups = organisers.data.eventStatistics as Array<
      Record<string, unknown> & { keys: Array<Key & { organization: { id: string } | null }> }
    >;
    for (const { keys, organiser, audience } of groups) {
      // an organisation names itself for the gateway to complete from residents; the other keys name none
      expect(keys[0].organization).toBeNull();
      expect(keys[1].organization).toEqual(
        keys[1].value.startsWith('ORGANIZATION:') ? { id: keys[1].value.slice('ORGANIZATION:'.length) } : null,
      );
      expect(keys.map((k) => k.dimension)).toEqual(['AUDIENCE', 'ORGANISER']);
      expect(keys[0].label).toBe(EventAudiences.labels[keys[0].value as keyof typeof EventAudiences.labels]);
      const [kind, id] = keys[1].value.split(':');
      expect(keys[1].label).toBe(
        kind === 'DEPARTMENT'
          ? `部门：${Departments.labels[id as keyof typeof Departments.labels]}`
          : kind === 'TEAM'
            ? `团队：${teams.get(id)}`
            : `单位：${id}`,
      );
      expect([audience, organiser]).toEqual([keys[0].value, keys[1].label]);
    }
    expect(groups.some((g) => g.keys[1].value.startsWith('TEAM:'))).toBe(true);
    expect(groups.some((g) => g.keys[1].value.startsWith('ORGANIZATION:'))).toBe(true);
    const ranks = groups.map((g) => audiences.indexOf(g.keys[0].value));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('answers eventStatistics by copying the resolver’s value along the selections, byte for byte as graphql-js', async () => {
    // `plainAnswers` (libs/subgraph): the answer is not completed by graphql-js field by field. A directive on the
    // root field gives the same operation back to graphql-js: both answers must be the same bytes
    const queries: Array<[(root: string) => string, Record<string, unknown>?]> = [
      [
        (root) => `{ eventStatistics(groupBy: [VENUE, MONTH, TYPE, AUDIENCE, ORGANISER])${root} {
          keys { dimension value label organization { __typename id } } type month venue organiser audience events registrations attended noShows
          attendanceRate uniqueParticipants elderlyShare suppressed } }`,
      ],
      [
        (root) => `query Q($by: [EventStatisticsDimension!]!, $skip: Boolean!, $filter: EventStatisticsFilter) {
          s: eventStatistics(groupBy: $by, filter: $filter)${root} {
            __typename ...G k: keys { __typename v: value label @skip(if: $skip) } n: events
            ... on EventStatisticsGroup { rate: attendanceRate suppressed } p: uniqueParticipants @include(if: $skip)
          }
        }
        fragment G on EventStatisticsGroup { registrations keys { dimension } }`,
        { by: ['TYPE', 'MONTH'], skip: true, filter: { types: ['LECTURE', 'GALA'] } },
      ],
    ];
    for (const caller of [{}, { role: 'analyst' as const }])
      for (const [query, variables] of queries) {
        const plain = await service.graphql(query(''), variables, caller);
        expect(plain.errors).toBeUndefined();
        expect((Object.values(plain.data)[0] as unknown[]).length).toBeGreaterThan(3);
        const graphqlJs = await service.graphql(query(' @include(if: true)'), variables, caller);
        expect(JSON.stringify(plain)).toBe(JSON.stringify(graphqlJs));
      }
    // declared plain in the service definition (graphql-js answered both before)
    expect(eventsService.plainAnswers).toContain('eventStatistics');
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
  }, 120_000);

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
    await expectSameAsInMemory({ $like: '350203%' });
  }, 180_000);

  it('keeps the per-event rollup with new registrations and counts it again from the rows when new', async () => {
    const em = fresh();
    const event = await em.findOneOrFail(
      CommunityEvent,
      { communityId: COMMUNITY, status: 'COMPLETED' },
      { orderBy: { id: 'desc' } },
    );
    const profiles = await em.find(
      ResidentProfile,
      { communityId: COMMUNITY },
      { orderBy: { residentId: 'desc' }, limit: 3 },
    );
    profiles.forEach((p, i) =>
      em.create(Registration, {
        id: `rollup-registration-${i}`,
        communityId: COMMUNITY,
        event,
        residentId: p.residentId,
        status: (['ATTENDED', 'NO_SHOW', 'CONFIRMED'] as const)[i],
        registeredAt: new Date(event.startsAt.getTime() - 86_400_000),
      }),
    );
    await em.flush();
    await expectSameAsInMemory();
    const counted = async () => {
      const rows = await fresh()
        .getConnection()
        .execute(`select "event_id", "n", "seats", "attended", "no_shows" from "event_registration_rollup" order by 1`);
      return rows.map((r: Record<string, unknown>) => Object.values(r).map(String));
    };
    const kept = await counted();
    // a rollup over existing rows (the migration adds empty tables): counted at start, in SQL, to the same numbers
    await fresh().getConnection().execute(`delete from "event_registration_rollup"`);
    await fresh().getConnection().execute(`delete from "event_registration_rollup_member"`);
    expect(await counted()).toEqual([]);
    await ensureRollups(fresh(), [eventRegistrationRollup]);
    expect(await counted()).toEqual(kept);
    expect(kept.length).toBeGreaterThan(40);
    await expectSameAsInMemory();
  }, 120_000);

  it('keeps the attendance table with birth dates learned later, late profiles, renames and moved residents', async () => {
    const em = fresh();
    const events = await em.find(
      CommunityEvent,
      { communityId: COMMUNITY, status: 'COMPLETED', venue: { $ne: null } },
      { orderBy: { startsAt: 'asc' }, limit: 2, populate: ['venue'] },
    );
    expect(events).toHaveLength(2);
    // a birth date corrected and one learned through the resident projection, after the attendances
    const attendee = await em.findOneOrFail(Registration, { event: events[0], status: 'ATTENDED' });
    await recordResident(fresh(), { residentId: attendee.residentId, birthDate: '1950-03-01' }, COMMUNITY);
    // a resident whose profile arrives after their attendance (first unknown age, then 60+ on the day)
    em.create(Registration, {
      id: 'late-profile-registration',
      communityId: COMMUNITY,
      event: events[1],
      residentId: 'late-profile-resident',
      status: 'ATTENDED',
      registeredAt: new Date(events[1].startsAt.getTime() - 86_400_000),
    });
    // a resident who moved: attended in 莲秀 and at an event of another community of the street
    const moved = await em.findOneOrFail(Registration, { event: events[1], status: 'ATTENDED' });
    em.create(CommunityEvent, {
      id: 'other-community-gala',
      communityId: OTHER,
      title: '迎新晚会',
      type: 'GALA',
      startsAt: events[1].startsAt,
      endsAt: new Date(events[1].startsAt.getTime() + 3_600_000),
      status: 'COMPLETED',
    } as never);
    await em.flush();
    em.create(Registration, {
      id: 'moved-resident-registration',
      communityId: OTHER,
      event: 'other-community-gala',
      residentId: moved.residentId,
      status: 'ATTENDED',
      registeredAt: events[1].startsAt,
    } as never);
    await em.flush();
    await recordResident(fresh(), { residentId: 'late-profile-resident', birthDate: '1940-01-01' }, COMMUNITY);
    // a venue and a team renamed (names joined at query time), an event moved to another venue and organiser
    const renamed = fresh();
    const venue = await renamed.findOneOrFail(Venue, { id: events[0].venue!.id });
    venue.name = `${venue.name}（新）`;
    const team = await renamed.findOne(Team, { communityId: COMMUNITY });
    if (team) team.name = `${team.name}（新）`;
    const retargeted = await renamed.findOneOrFail(CommunityEvent, { id: events[1].id });
    retargeted.venue = null;
    retargeted.organiserKind = 'TEAM';
    retargeted.organiserDepartment = null;
    retargeted.organiserTeamId = team?.id ?? null;
    retargeted.audience = 'ELDERS_AND_CHILDREN';
    await renamed.flush();
    await expectSameAsInMemory();
    await expectSameAsInMemory({ $like: '350203008%' });
    await expectSameAsInMemory({ $like: '350203%' });
    // the moved resident counts once across the two communities, though once in each: distincts do not add up
    const { year, month } = communityYearMonth(events[1].startsAt);
    const participantsIn = async (communityId: unknown) =>
      (await eventStatisticsOf(fresh(), { communityId } as never, ['MONTH'])).find(
        (g) => g.key.MONTH === `${year}-${String(month).padStart(2, '0')}`,
      )?.uniqueParticipants ?? 0;
    const apart = (await participantsIn(COMMUNITY)) + (await participantsIn(OTHER));
    expect(await participantsIn({ $in: [COMMUNITY, OTHER] })).toBe(apart - 1);
    // … and once in their street and district (kept counts: one row per street, per district)
    expect(await participantsIn({ $like: '350203008%' })).toBe(
      (await inMemory(fresh(), { $like: '350203008%' }, ['MONTH'])).find(
        (g) => g.key.MONTH === `${year}-${String(month).padStart(2, '0')}`,
      )?.uniqueParticipants,
    );
    // the table, counted again from the rows at start (a new table over existing rows), holds the same
    const counted = async () =>
      (await fresh().getConnection().execute(`select * from "event_attendance" order by "member_id"`)).map(
        (r: Record<string, unknown>) => JSON.stringify(Object.values(r).map(String)),
      );
    const kept = await counted();
    expect(kept.length).toBeGreaterThan(100);
    await fresh().getConnection().execute(`delete from "event_attendance"`);
    await fresh().getConnection().execute(`delete from "event_attendance_count"`);
    await ensureRollups(fresh(), [eventAttendanceRollup]);
    expect(await counted()).toEqual(kept);
  }, 240_000);

  it('reads the kept distinct counts where they answer exactly, the attendances otherwise', async () => {
    expect(keptScopeOf({ communityId: COMMUNITY })).toEqual({ length: 12, code: COMMUNITY });
    expect(keptScopeOf({ communityId: { $in: [COMMUNITY] } })).toEqual({ length: 12, code: COMMUNITY });
    expect(keptScopeOf({ communityId: { $like: '350203008%' } })).toEqual({ length: 9, code: '350203008' });
    expect(keptScopeOf({ communityId: { $like: '350203%' } })).toEqual({ length: 6, code: '350203' });
    expect(keptScopeOf({ communityId: { $in: [COMMUNITY, OTHER] } })).toBeNull();
    expect(keptScopeOf({ communityId: { $like: '3502%' } })).toBeNull();
    expect(keptScopeOf({ communityId: { $like: '35020_008%' } })).toBeNull();
    const all = { fromMonth: null, toMonth: null };
    expect(keptReadOf(['TYPE'], {})).toEqual({ set: ['TYPE'], ...all });
    expect(keptReadOf(['MONTH', 'TYPE'], { types: ['LECTURE'] })).toEqual({ set: ['MONTH', 'TYPE'], ...all });
    // one type without TYPE: that type's kept groups of the dimensions and TYPE; several types: not kept
    expect(keptReadOf(['MONTH'], { types: ['LECTURE'] })).toEqual({ set: ['MONTH', 'TYPE'], ...all });
    expect(keptReadOf(['VENUE'], { ...JULY, types: ['LECTURE', 'LECTURE'] })?.set).toEqual(['VENUE', 'TYPE', 'MONTH']);
    expect(keptReadOf(['AUDIENCE'], { ...QUARTER, types: ['GALA'] })).toMatchObject({
      set: ['AUDIENCE', 'TYPE'],
      period: 'QUARTER',
    });
    // several types without TYPE: each type's kept groups, a group of two types counted apart
    expect(keptReadOf(['MONTH'], { types: ['LECTURE', 'GALA'] })).toEqual({
      set: ['MONTH', 'TYPE'],
      combinesTypes: true,
      ...all,
    });
    expect(keptReadOf(['VENUE'], { ...MONTHS, types: ['LECTURE'] })).toBeNull();
    expect(keptReadOf(['TYPE'], { from: new Date('2026-06-30T16:00:00Z') })).toBeNull();
    // whole community months with MONTH among the dimensions: the kept groups of those months
    expect(keptReadOf(['TYPE', 'MONTH'], MONTHS)).toEqual({
      set: ['TYPE', 'MONTH'],
      fromMonth: '2026-07',
      toMonth: '2026-12',
    });
    expect(keptReadOf(['MONTH'], { to: MONTHS.to })).toEqual({ set: ['MONTH'], fromMonth: null, toMonth: '2026-12' });
    expect(keptReadOf(['MONTH'], INSTANTS)).toBeNull();
    // midnight UTC is 08:00 in the community: not a month's start there
    expect(keptReadOf(['MONTH'], { from: new Date('2026-07-01T00:00:00Z') })).toBeNull();
    expect(keptReadOf(['MONTH'], { to: new Date('2026-06-30T16:00:00.001Z') })).toBeNull();
    // every set of dimensions is kept: three, four, five
    expect(keptReadOf(['TYPE', 'MONTH', 'AUDIENCE'], {})?.set).toEqual(['TYPE', 'MONTH', 'AUDIENCE']);
    expect(keptReadOf(['TYPE', 'MONTH', 'AUDIENCE', 'VENUE'], {})?.set).toEqual(['TYPE', 'MONTH', 'AUDIENCE', 'VENUE']);
    expect(keptReadOf(['AUDIENCE', 'ORGANISER', 'VENUE', 'MONTH', 'TYPE'], MONTHS)?.set).toHaveLength(5);
    // one whole month without MONTH: the kept groups of the dimensions and MONTH, that month
    expect(keptReadOf(['TYPE'], JULY)).toEqual({ set: ['TYPE', 'MONTH'], fromMonth: '2026-07', toMonth: '2026-08' });
    expect(keptReadOf(['VENUE', 'ORGANISER', 'AUDIENCE', 'TYPE'], { ...JULY, types: ['GALA'] })?.set).toEqual([
      'VENUE',
      'ORGANISER',
      'AUDIENCE',
      'TYPE',
      'MONTH',
    ]);
    // (December to January across the year's end, in the community calendar)
    expect(
      keptReadOf(['AUDIENCE'], { from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') }),
    ).toEqual({ set: ['AUDIENCE', 'MONTH'], fromMonth: '2026-12', toMonth: '2027-01' });
    // … but not several months, an open bound, a month's part or a month and a day: distinct counts do not add up
    expect(keptReadOf(['TYPE'], MONTHS)).toBeNull();
    expect(keptReadOf(['TYPE'], { from: JULY.from })).toBeNull();
    expect(keptReadOf(['TYPE'], { to: JULY.to })).toBeNull();
    expect(keptReadOf(['TYPE'], { from: JULY.from, to: new Date('2026-07-15T16:00:00Z') })).toBeNull();
    expect(keptReadOf(['TYPE'], { from: JULY.from, to: new Date('2026-08-01T16:00:00Z') })).toBeNull();
    expect(keptReadOf(['AUDIENCE'], { ...JULY, types: ['GALA', 'LECTURE'] })).toMatchObject({
      set: ['AUDIENCE', 'TYPE', 'MONTH'],
      combinesTypes: true,
    });
    expect(keptReadOf(['AUDIENCE'], { ...MONTHS, types: ['GALA', 'LECTURE'] })).toBeNull();
    // one whole community quarter or year without MONTH: the dimensions' kept groups of that period
    expect(keptReadOf(['TYPE'], QUARTER)).toEqual({
      set: ['TYPE'],
      period: 'QUARTER',
      fromMonth: '2026-07',
      toMonth: '2026-10',
    });
    expect(keptReadOf(['VENUE', 'ORGANISER', 'AUDIENCE', 'TYPE'], { ...YEAR, types: ['GALA'] })).toEqual({
      set: ['VENUE', 'ORGANISER', 'AUDIENCE', 'TYPE'],
      period: 'YEAR',
      fromMonth: '2026-01',
      toMonth: '2027-01',
    });
    // (the fourth quarter, to 1 January of the next year; the first, from 1 January)
    expect(
      keptReadOf(['AUDIENCE'], { from: new Date('2026-09-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') })
        ?.period,
    ).toBe('QUARTER');
    expect(keptReadOf(['AUDIENCE'], { from: YEAR.from, to: new Date('2026-03-31T16:00:00Z') })?.fromMonth).toBe(
      '2026-01',
    );
    // with MONTH, a quarter is whole months (no period); three months not a quarter, two quarters, a year not from
    // January, a quarter's bound at midnight UTC, types without TYPE: not kept
    expect(keptReadOf(['TYPE', 'MONTH'], QUARTER)).toEqual({
      set: ['TYPE', 'MONTH'],
      fromMonth: '2026-07',
      toMonth: '2026-10',
    });
    expect(
      keptReadOf(['TYPE'], { from: new Date('2026-07-31T16:00:00Z'), to: new Date('2026-10-31T16:00:00Z') }),
    ).toBeNull();
    expect(keptReadOf(['TYPE'], { from: new Date('2026-03-31T16:00:00Z'), to: QUARTER.to })).toBeNull();
    expect(keptReadOf(['TYPE'], { from: QUARTER.from, to: new Date('2027-06-30T16:00:00Z') })).toBeNull();
    expect(keptReadOf(['TYPE'], { from: QUARTER.from, to: new Date('2026-10-01T00:00:00Z') })).toBeNull();
    expect(keptReadOf(['AUDIENCE'], { ...QUARTER, types: ['GALA', 'SPORTS'] })).toMatchObject({
      set: ['AUDIENCE', 'TYPE'],
      period: 'QUARTER',
      combinesTypes: true,
    });
    // instants inside months, MONTH among the dimensions: the whole months kept, the edges' parts counted
    expect(monthSplitOf(['TYPE', 'MONTH'], { ...INSTANTS, types: ['LECTURE'] })).toEqual({
      whole: { from: new Date('2026-07-31T16:00:00Z'), to: new Date('2026-09-30T16:00:00Z'), types: ['LECTURE'] },
      edges: [
        { from: INSTANTS.from, to: new Date('2026-07-31T16:00:00Z'), types: ['LECTURE'] },
        { from: new Date('2026-09-30T16:00:00Z'), to: INSTANTS.to, types: ['LECTURE'] },
      ],
    });
    expect(monthSplitOf(['MONTH'], { from: INSTANTS.from })).toEqual({
      whole: { from: new Date('2026-07-31T16:00:00Z'), to: null },
      edges: [{ from: INSTANTS.from, to: new Date('2026-07-31T16:00:00Z') }],
    });
    expect(monthSplitOf(['TYPE'], INSTANTS)).toBeNull();
    expect(monthSplitOf(['MONTH'], MONTHS)).toBeNull();
    expect(monthSplitOf(['MONTH'], { from: INSTANTS.from, to: new Date('2026-07-20T00:00:00Z') })).toBeNull();
    // the district's TYPE groups come from its kept row per type: a change there shows, the attendances do not see it
    const district = { communityId: { $like: '350203%' } } as const;
    const before = await eventStatisticsOf(fresh(), district, ['TYPE']);
    await fresh()
      .getConnection()
      .execute(`update "event_participant_count" set "n" = "n" + 1000 where "grouping" = '6:TYPE' and "n" > 0`);
    const tampered = await eventStatisticsOf(fresh(), district, ['TYPE']);
    expect(tampered.map((g) => g.uniqueParticipants)).toEqual(
      before.map((g) => g.uniqueParticipants + (g.uniqueParticipants > 0 ? 1000 : 0)),
    );
    expect(await eventStatisticsOf(fresh(), district, ['TYPE'], {}, { kept: false })).toEqual(before);
    await fresh().getConnection().execute(`delete from "event_participant_count"`);
    await ensureRollups(fresh(), [eventAttendanceRollup]);
    expect(await eventStatisticsOf(fresh(), district, ['TYPE'])).toEqual(before);
    // two venues of one name are one VENUE group: their kept counts do not add up, so the attendances are counted
    const em = fresh();
    const venues = await em.find(Venue, { communityId: COMMUNITY }, { orderBy: { id: 'asc' } });
    expect(venues.length).toBeGreaterThan(1);
    venues[1].name = venues[0].name;
    await em.flush();
    await expectSameAsInMemory(COMMUNITY, 'VENUE');
  }, 120_000);

  it('reads several types without TYPE from each type’s kept groups, counting only the groups two types share', async () => {
    const keysOf = (groups: Array<{ key: Record<string, string | null>; uniqueParticipants: number }>) =>
      groups.filter((g) => g.uniqueParticipants > 0).map((g) => JSON.stringify(g.key));
    let apart = 0;
    let shared = 0;
    for (const window of [{}, MONTHS, JULY]) {
      for (const groupBy of [
        ['VENUE'],
        ['MONTH', 'VENUE'],
        ['VENUE', 'AUDIENCE'],
        ['MONTH'],
      ] as EventStatisticsDimension[][]) {
        const filter: EventStatisticsFilter = { ...window, types: ['LECTURE', 'GALA'] };
        const read = keptReadOf(groupBy, filter);
        if (!read) continue;
        // the groups where both types had participants: the only ones the kept counts do not answer
        const lectures = keysOf(await inMemory(fresh(), COMMUNITY, groupBy, { ...window, types: ['LECTURE'] }));
        const galas = new Set(keysOf(await inMemory(fresh(), COMMUNITY, groupBy, { ...window, types: ['GALA'] })));
        const both = lectures.filter((key) => galas.has(key)).length;
        const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
        let actual: Awaited<ReturnType<typeof eventStatisticsOf>>;
        let scans: string[];
        try {
          actual = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, groupBy, filter);
          scans = spy.mock.calls
            .map(([sql]) => (typeof sql === 'string' ? sql : ''))
            .filter((sql) => sql.includes('from "event_attendance"'));
        } finally {
          spy.mockRestore();
        }
        expect(actual).toEqual(await inMemory(fresh(), COMMUNITY, groupBy, filter));
        const label = `${groupBy.join(' × ')} ${JSON.stringify(window)}`;
        if (both === 0) {
          expect(scans, label).toEqual([]);
          apart++;
        } else {
          // one count over the attendances of exactly those groups
          expect(scans, label).toHaveLength(1);
          expect(scans[0].split(') or (').length, label).toBe(both);
          shared++;
        }
      }
    }
    // both cases occur in the demo: groups of one type only, and groups of both
    expect(apart).toBeGreaterThan(0);
    expect(shared).toBeGreaterThan(0);
  }, 120_000);

  it('counts the whole window’s attendances when more groups are shared than it names, with the same answer', async () => {
    // the demo's lectures and galas share a few groups (the test above); naming none of them, a query with shared
    // groups takes the other branch: the window's attendances counted as without kept counts, the same answer
    const attendanceScans = async (
      options: EventStatisticsOptions,
      groupBy: EventStatisticsDimension[],
      filter: EventStatisticsFilter,
    ) => {
      const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
      try {
        const answer = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, groupBy, filter, options);
        const scans = spy.mock.calls
          .filter(([sql]) => typeof sql === 'string' && sql.includes('from "event_attendance"'))
          .map(([sql, bindings]) => JSON.stringify([sql, bindings]));
        return { answer, scans };
      } finally {
        spy.mockRestore();
      }
    };
    let fellBack = 0;
    for (const window of [{}, MONTHS, JULY])
      for (const groupBy of [['VENUE'], ['MONTH', 'VENUE'], ['MONTH']] as EventStatisticsDimension[][]) {
        const filter: EventStatisticsFilter = { ...window, types: ['LECTURE', 'GALA'] };
        if (!keptReadOf(groupBy, filter)) continue;
        const label = `${groupBy.join(' × ')} ${JSON.stringify(window)}`;
        const named = await attendanceScans({}, groupBy, filter);
        if (!named.scans.length) continue;
        const unnamed = await attendanceScans({ namedGroups: 0 }, groupBy, filter);
        expect(unnamed.answer, label).toEqual(named.answer);
        expect(unnamed.answer, label).toEqual(await inMemory(fresh(), COMMUNITY, groupBy, filter));
        expect(unnamed.scans, label).toEqual((await attendanceScans({ kept: false }, groupBy, filter)).scans);
        expect(unnamed.scans, label).not.toEqual(named.scans);
        fellBack++;
      }
    expect(fellBack).toBeGreaterThan(0);
  }, 120_000);

  it('fills the quarters and years at start in a database that kept the 31 sets, and 31 sets where it kept 25', async () => {
    const kept = await keptCounts(fresh());
    const groupings = async () =>
      (await fresh().getConnection().execute(`select distinct "grouping" from "event_participant_count"`)).map(
        (r: Record<string, unknown>) => String(r.grouping),
      );
    expect(await groupings()).toHaveLength((31 + 15 * 2) * 3);
    // a database kept before the periods: the 31 sets at each scope level, no grouping per quarter or year
    await fresh()
      .getConnection()
      .execute(`delete from "event_participant_count" where "grouping" like '%QUARTER' or "grouping" like '%YEAR'`);
    expect(await groupings()).toHaveLength(31 * 3);
    await ensureRollups(fresh(), [eventAttendanceRollup]);
    expect(await keptCounts(fresh())).toEqual(kept);
    for (const [groupBy, filter] of [
      [['TYPE'], QUARTER],
      [['VENUE', 'ORGANISER', 'AUDIENCE', 'TYPE'], YEAR],
    ] as Array<[EventStatisticsDimension[], EventStatisticsFilter]>)
      for (const scope of [COMMUNITY, { $like: '350203%' }]) {
        const answer = await scanned(() => eventStatisticsOf(fresh(), { communityId: scope }, groupBy, filter));
        expect(answer.value).toEqual(await inMemory(fresh(), scope, groupBy, filter));
        expect(answer.scanned).toBe(false);
      }
    // a database kept before the four- and five-dimension sets: every grouping of one to three dimensions
    await fresh()
      .getConnection()
      .execute(
        `delete from "event_participant_count" where "grouping" like '%,%,%,%' and "grouping" not like '%QUARTER' and "grouping" not like '%YEAR'`,
      );
    expect(await groupings()).toHaveLength((25 + 15 * 2) * 3);
    // only the groupings without rows are counted (a kept row of a grouping there stays as it is)
    const tamper = (by: number) =>
      fresh()
        .getConnection()
        .execute(`update "event_participant_count" set "n" = "n" + ? where "grouping" = '12:TYPE'`, [by]);
    await tamper(1000);
    await ensureRollups(fresh(), [eventAttendanceRollup]);
    expect(await groupings()).toHaveLength((31 + 15 * 2) * 3);
    await tamper(-1000);
    expect(await keptCounts(fresh())).toEqual(kept);
    for (const groupBy of [
      ['TYPE', 'MONTH', 'VENUE', 'AUDIENCE'],
      ['AUDIENCE', 'ORGANISER', 'VENUE', 'MONTH', 'TYPE'],
    ] as EventStatisticsDimension[][])
      for (const scope of [COMMUNITY, { $like: '350203%' }]) {
        const answer = await scanned(() => eventStatisticsOf(fresh(), { communityId: scope }, groupBy));
        expect(answer.value).toEqual(await inMemory(fresh(), scope, groupBy));
        expect(answer.scanned).toBe(false);
      }
  }, 60_000);

  it('answers whole community months and three dimensions from the kept counts, exact at the UTC+8 month edge', async () => {
    const em = fresh();
    const profiles = await em.find(
      ResidentProfile,
      { communityId: COMMUNITY, birthDate: { $ne: null } },
      { orderBy: { residentId: 'asc' }, limit: 3 },
    );
    expect(profiles).toHaveLength(3);
    // 23:59:59 on 30 June and 00:00 on 1 July in the community (UTC+8): June and July there, both 30 June in UTC
    const edges = [
      { id: 'edge-june', startsAt: new Date('2026-06-30T15:59:59Z'), type: 'LECTURE' },
      { id: 'edge-july', startsAt: new Date('2026-06-30T16:00:00Z'), type: 'LECTURE' },
      { id: 'edge-july-gala', startsAt: new Date('2026-07-31T15:59:59Z'), type: 'GALA' },
    ];
    for (const edge of edges)
      em.create(CommunityEvent, {
        ...edge,
        communityId: COMMUNITY,
        title: '月末活动',
        endsAt: new Date(edge.startsAt.getTime() + 3_600_000),
        status: 'COMPLETED',
      } as never);
    await em.flush();
    // the same residents at each: counted once per month, once in a window spanning both
    for (const [i, edge] of edges.entries())
      for (const [j, p] of profiles.entries())
        em.create(Registration, {
          id: `edge-registration-${i}-${j}`,
          communityId: COMMUNITY,
          event: edge.id,
          residentId: p.residentId,
          status: j === 2 && i === 0 ? 'NO_SHOW' : 'ATTENDED',
          registeredAt: new Date(edge.startsAt.getTime() - 86_400_000),
        } as never);
    await em.flush();
    const windows: EventStatisticsFilter[] = [
      { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-07-31T16:00:00Z') }, // July
      { to: new Date('2026-06-30T16:00:00Z') }, // up to the end of June
      { from: new Date('2026-05-31T16:00:00Z'), to: new Date('2026-07-31T16:00:00Z') }, // June and July
      { from: new Date('2026-06-30T15:59:59Z'), to: new Date('2026-06-30T16:00:01Z') }, // two seconds at the edge
      // 30 June 23:00 to 1 August 00:00:01: July whole (kept), an hour of June and a second of August (attendances)
      { from: new Date('2026-06-30T15:00:00Z'), to: new Date('2026-07-31T16:00:01Z') },
      QUARTER, // from 1 July 00:00: the July events, not the one a second before
      { from: new Date('2026-03-31T16:00:00Z'), to: QUARTER.from }, // the second quarter, to the June edge event
      YEAR,
    ];
    const sets: EventStatisticsDimension[][] = [
      ['MONTH'],
      ['TYPE', 'MONTH'],
      ['MONTH', 'AUDIENCE', 'TYPE'],
      ['TYPE'],
      ['AUDIENCE', 'ORGANISER', 'VENUE', 'TYPE'],
      ['AUDIENCE', 'ORGANISER', 'VENUE', 'MONTH', 'TYPE'],
    ];
    const expectWindows = async () => {
      for (const scope of [COMMUNITY, { $like: '350203008%' }, { $like: '350203%' }])
        for (const filter of windows) {
          const reference = await inMemoryOf(fresh(), scope, filter);
          for (const groupBy of sets) {
            const expected = reference(groupBy);
            expect(await eventStatisticsOf(fresh(), { communityId: scope }, groupBy, filter)).toEqual(expected);
            expect(await eventStatisticsOf(fresh(), { communityId: scope }, groupBy, filter, { kept: false })).toEqual(
              expected,
            );
          }
        }
    };
    await expectWindows();
    const july = (await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['MONTH'], windows[0]))[0];
    expect(july.key.MONTH).toBe('2026-07');
    expect(july.events).toBeGreaterThanOrEqual(2);
    // the June event moved one second later, into July; the July lecture cancelled; a gala moved out of July
    const moving = fresh();
    (await moving.findOneOrFail(CommunityEvent, { id: 'edge-june' })).startsAt = new Date('2026-06-30T16:00:00Z');
    (await moving.findOneOrFail(CommunityEvent, { id: 'edge-july' })).status = 'CANCELLED';
    (await moving.findOneOrFail(CommunityEvent, { id: 'edge-july-gala' })).startsAt = new Date('2026-07-31T16:00:00Z');
    await moving.flush();
    await expectWindows();
    await expectKeptAsCounted();
    // these windows and the triple are read from the kept rows: a change there shows (before, the attendances)
    const tamper = (grouping: string, month: string, by: number) =>
      fresh()
        .getConnection()
        .execute(
          `update "event_participant_count" set "n" = "n" + ? where "grouping" = ? and "scope" = ? and "month" = ? and "n" > 0`,
          [by, grouping, COMMUNITY, month],
        );
    await tamper('12:MONTH', '2026-07', 1000);
    expect((await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['MONTH'], windows[0]))[0]).toEqual({
      ...(await inMemory(fresh(), COMMUNITY, ['MONTH'], windows[0]))[0],
      uniqueParticipants: (await inMemory(fresh(), COMMUNITY, ['MONTH'], windows[0]))[0].uniqueParticipants + 1000,
    });
    await tamper('12:MONTH', '2026-07', -1000);
    await tamper('12:TYPE,MONTH,AUDIENCE', '2026-07', 1000);
    const triple = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['TYPE', 'MONTH', 'AUDIENCE']);
    const truth = await inMemory(fresh(), COMMUNITY, ['TYPE', 'MONTH', 'AUDIENCE']);
    expect(triple.map((g) => g.uniqueParticipants)).toEqual(
      truth.map((g) => g.uniqueParticipants + (g.key.MONTH === '2026-07' && g.uniqueParticipants > 0 ? 1000 : 0)),
    );
    await tamper('12:TYPE,MONTH,AUDIENCE', '2026-07', -1000);
    // so are all five dimensions, and one whole month without MONTH (July's kept groups of the dimensions and MONTH)
    const all: EventStatisticsDimension[] = ['AUDIENCE', 'ORGANISER', 'VENUE', 'MONTH', 'TYPE'];
    // the truth's participants, 1000 more in each group with someone in July (`july` tells a group of July)
    const withJuly = (truth: Awaited<ReturnType<typeof inMemory>>, july = (_: (typeof truth)[number]) => true) =>
      truth.map((g) => g.uniqueParticipants + (july(g) && g.uniqueParticipants > 0 ? 1000 : 0));
    await tamper('12:TYPE,MONTH,VENUE,ORGANISER,AUDIENCE', '2026-07', 1000);
    const five = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, all);
    const fiveTruth = await inMemory(fresh(), COMMUNITY, all);
    expect(fiveTruth.some((g) => g.key.MONTH === '2026-07' && g.uniqueParticipants > 0)).toBe(true);
    expect(five.map((g) => g.uniqueParticipants)).toEqual(withJuly(fiveTruth, (g) => g.key.MONTH === '2026-07'));
    await tamper('12:TYPE,MONTH,VENUE,ORGANISER,AUDIENCE', '2026-07', -1000);
    for (const [grouping, groupBy] of [
      ['12:TYPE,MONTH', ['TYPE']],
      ['12:TYPE,MONTH,VENUE,ORGANISER,AUDIENCE', ['AUDIENCE', 'ORGANISER', 'VENUE', 'TYPE']],
    ] as Array<[string, EventStatisticsDimension[]]>) {
      await tamper(grouping, '2026-07', 1000);
      const july = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, groupBy, windows[0]);
      const julyTruth = await inMemory(fresh(), COMMUNITY, groupBy, windows[0]);
      expect(julyTruth.some((g) => g.uniqueParticipants > 0)).toBe(true);
      expect(july.map((g) => g.uniqueParticipants)).toEqual(withJuly(julyTruth));
      // the counts over the attendances do not see it; nor does a window of July and June (not kept without MONTH)
      expect(
        await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, groupBy, windows[0], { kept: false }),
      ).toEqual(julyTruth);
      expect(await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, groupBy, windows[2])).toEqual(
        await inMemory(fresh(), COMMUNITY, groupBy, windows[2]),
      );
      await tamper(grouping, '2026-07', -1000);
    }
    // a window inside a day, or without MONTH, is counted over the attendances: the kept rows are not read
    await tamper('12:MONTH', '2026-06', 1000);
    await tamper('12:TYPE,MONTH', '2026-06', 1000);
    for (const groupBy of [['MONTH'], ['TYPE', 'MONTH']] as EventStatisticsDimension[][])
      expect(await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, groupBy, windows[3])).toEqual(
        await inMemory(fresh(), COMMUNITY, groupBy, windows[3]),
      );
    await tamper('12:MONTH', '2026-06', -1000);
    await tamper('12:TYPE,MONTH', '2026-06', -1000);
    // a window with whole months inside: those from the kept rows, its edge months' parts from the attendances
    await tamper('12:MONTH', '2026-07', 1000);
    await tamper('12:MONTH', '2026-06', 1000);
    const spanning = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['MONTH'], windows[4]);
    const spanningTruth = await inMemory(fresh(), COMMUNITY, ['MONTH'], windows[4]);
    // (the gala moved to 1 August 00:00 is in the August edge; the demo's late-June events, if any, in June's)
    expect(spanning.map((g) => g.key.MONTH)).toEqual(spanningTruth.map((g) => g.key.MONTH));
    expect(spanning.map((g) => g.key.MONTH)).toEqual(expect.arrayContaining(['2026-07', '2026-08']));
    expect(spanning.map((g) => g.uniqueParticipants)).toEqual(
      spanningTruth.map((g) => g.uniqueParticipants + (g.key.MONTH === '2026-07' ? 1000 : 0)),
    );
    await tamper('12:MONTH', '2026-07', -1000);
    await tamper('12:MONTH', '2026-06', -1000);
    // a quarter and a year without MONTH are read from their kept rows (the period's first month), at each level
    for (const [grouping, filter, month, scope] of [
      ['12:TYPE,QUARTER', QUARTER, '2026-07', COMMUNITY],
      ['9:VENUE,ORGANISER,AUDIENCE,QUARTER', QUARTER, '2026-07', '350203008'],
      ['6:TYPE,VENUE,ORGANISER,AUDIENCE,YEAR', YEAR, '2026-01', '350203'],
    ] as const) {
      const groupBy = grouping.split(':')[1].split(',').slice(0, -1) as EventStatisticsDimension[];
      const where = scope === COMMUNITY ? COMMUNITY : { $like: `${scope}%` };
      await fresh()
        .getConnection()
        .execute(
          `update "event_participant_count" set "n" = "n" + 1000 where "grouping" = ? and "scope" = ? and "month" = ? and "n" > 0`,
          [grouping, scope, month],
        );
      const truth = await inMemory(fresh(), where, groupBy, filter);
      expect(truth.some((g) => g.uniqueParticipants > 0)).toBe(true);
      const answer = await scanned(() => eventStatisticsOf(fresh(), { communityId: where }, groupBy, filter));
      expect(answer.scanned).toBe(false);
      expect(answer.value.map((g) => g.uniqueParticipants)).toEqual(withJuly(truth));
      await fresh()
        .getConnection()
        .execute(
          `update "event_participant_count" set "n" = "n" - 1000 where "grouping" = ? and "scope" = ? and "month" = ? and "n" > 1000`,
          [grouping, scope, month],
        );
    }
    await expectKeptAsCounted();
  }, 240_000);

  it('keeps the distinct counts when two writers add attendances of one resident at once', async () => {
    const em = fresh();
    const events = await em.find(
      CommunityEvent,
      { communityId: COMMUNITY, status: 'COMPLETED', type: 'LECTURE' },
      { orderBy: { startsAt: 'desc' }, limit: 2 },
    );
    expect(events).toHaveLength(2);
    const resident = 'two-writers-resident';
    await recordResident(fresh(), { residentId: resident, birthDate: '1955-05-05' }, COMMUNITY);
    const attend = (event: CommunityEvent, i: number) =>
      fresh().transactional(async (tx) => {
        tx.create(Registration, {
          id: `two-writers-registration-${i}`,
          communityId: COMMUNITY,
          event: event.id,
          residentId: resident,
          status: 'ATTENDED',
          registeredAt: new Date(event.startsAt.getTime() - 86_400_000),
        } as never);
        await tx.flush();
        // both flushed (and counted) before either commits
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
    // SQLite has one writer: the two run in turn there
    if (dialect === 'postgresql') await Promise.all(events.map(attend));
    else for (const [i, event] of events.entries()) await attend(event, i);
    await expectKeptAsCounted();
    const lectures = async (scope: unknown) =>
      (await eventStatisticsOf(fresh(), { communityId: scope } as never, ['TYPE'], { types: ['LECTURE'] }))[0];
    expect(await lectures(COMMUNITY)).toEqual(
      (await inMemory(fresh(), COMMUNITY, ['TYPE'], { types: ['LECTURE'] }))[0],
    );
  }, 60_000);

  it('counts distinct participants only when a selected field shows them', async () => {
    const all = await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, ['TYPE', 'AUDIENCE']);
    const summed = await eventStatisticsOf(
      fresh(),
      { communityId: COMMUNITY },
      ['TYPE', 'AUDIENCE'],
      {},
      {
        distinct: false,
      },
    );
    expect(summed).toEqual(all.map((g) => ({ ...g, uniqueParticipants: 0, elderlyShare: null })));
    const fields = 'type audience events registrations attended noShows attendanceRate';
    // a caller who may see registrations (the exact figures; analysts' are under disclosure control)
    const plain = await service.graphql(`{ eventStatistics(groupBy: [TYPE, AUDIENCE]) { ${fields} } }`, undefined, {
      role: 'community_admin',
    });
    const withPeople = await service.graphql(
      `query { eventStatistics(groupBy: [TYPE, AUDIENCE]) { ${fields} ...people } }
       fragment people on EventStatisticsGroup { ... on EventStatisticsGroup { uniqueParticipants elderlyShare } }`,
      undefined,
      { role: 'community_admin' },
    );
    expect(plain.errors ?? withPeople.errors).toBeUndefined();
    // the API lists the groups in their natural order: types, then audiences, as declared
    const rank = (g: (typeof all)[number]) => [
      (CommunityEventTypes.codes as readonly string[]).indexOf(g.key.TYPE!),
      (EventAudiences.codes as readonly string[]).indexOf(g.key.AUDIENCE!),
    ];
    all.sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
    const shown = all.map((g) => ({
      type: g.key.TYPE,
      audience: g.key.AUDIENCE,
      events: g.events,
      registrations: g.registrations,
      attended: g.attended,
      noShows: g.noShows,
      attendanceRate: g.attendanceRate,
    }));
    expect(plain.data.eventStatistics).toEqual(shown);
    expect(withPeople.data.eventStatistics).toEqual(
      all.map((g, i) => ({ ...shown[i], uniqueParticipants: g.uniqueParticipants, elderlyShare: g.elderlyShare })),
    );
    expect(all.some((g) => g.uniqueParticipants > 0 && g.elderlyShare !== null)).toBe(true);
  });

  it('gives the elderly share exactly only to who may read the participants’ ages, not to a key with events:read alone', async () => {
    // before, a key with events:read and events:statistics (no residents:read, so no Resident.age) got the exact
    // share of a group of one or two participants: their age band
    const query = `{ eventStatistics(groupBy: [TYPE, AUDIENCE, MONTH]) { uniqueParticipants elderlyShare suppressed } }`;
    const answer = async (caller: Parameters<TestSubgraph['graphql']>[2]) => {
      const result = await service.graphql(query, undefined, caller);
      expect(result.errors).toBeUndefined();
      return result.data.eventStatistics as Array<{ uniqueParticipants: number; elderlyShare: number | null }>;
    };
    // the demo's groups are large: a threshold above every group makes each of them "small"
    const threshold = process.env.SHEQU_DISCLOSURE_THRESHOLD;
    process.env.SHEQU_DISCLOSURE_THRESHOLD = '1000000';
    let exact, eventsOnly, withAges, withBirthDates, culture;
    try {
      exact = await answer({ role: 'community_admin' });
      eventsOnly = await answer({ authorization: keys.issue(['events:read', 'events:statistics']).authorization });
      withAges = await answer({
        authorization: keys.issue(['events:read', 'events:statistics', 'residents:read']).authorization,
      });
      withBirthDates = await answer({
        authorization: keys.issue(['events:read', 'events:statistics', 'residents:read', 'pii:read']).authorization,
      });
      culture = await answer({ role: 'culture' });
    } finally {
      if (threshold === undefined) delete process.env.SHEQU_DISCLOSURE_THRESHOLD;
      else process.env.SHEQU_DISCLOSURE_THRESHOLD = threshold;
    }
    // reading ages person by person (each audited) is not reading birth dates: a statistic is audited for no one, so
    // a key with residents:read alone and 文化 get the share controlled as well (before: exact, a group of one
    // participant told that person's age band in no trail); a caller who reads birth dates raw gets it exact
    expect(withAges).toEqual(eventsOnly);
    expect(culture).toEqual(eventsOnly);
    expect(withBirthDates).toEqual(exact);
    const small = exact.flatMap((g, i) => (g.elderlyShare !== null ? [i] : []));
    expect(small.length).toBeGreaterThan(0);
    for (const i of small) {
      expect(eventsOnly[i]).toMatchObject({ uniqueParticipants: exact[i].uniqueParticipants, elderlyShare: null });
      expect(eventsOnly[i]).toMatchObject({ suppressed: expect.stringContaining('老年人占比') });
    }
  });

  it('counts a window the kept counts do not answer from an index alone, whatever the dimensions', async () => {
    // venue × organiser over several whole months (no kept grouping spans them): counted over the window's
    // attendances, which an index led by the start covering every dimension reads without the table (before, the
    // index covered TYPE, MONTH and AUDIENCE only: VENUE or ORGANISER over a window read the whole table)
    await fresh()
      .getConnection()
      .execute(dialect === 'postgresql' ? 'vacuum analyze "event_attendance"' : 'analyze "event_attendance"');
    for (const groupBy of [
      ['VENUE', 'ORGANISER'],
      ['MONTH', 'VENUE'],
      ['TYPE', 'AUDIENCE'],
    ] as const) {
      const spy = vi.spyOn(service.orm.em.getConnection(), 'execute');
      try {
        await eventStatisticsOf(fresh(), { communityId: COMMUNITY }, [...groupBy], {
          from: new Date('2026-03-10T00:00:00Z'),
          to: new Date('2026-08-31T16:00:00Z'),
        });
        const scan = spy.mock.calls.find(([sql]) => typeof sql === 'string' && sql.includes('from "event_attendance"'));
        expect(scan, groupBy.join(', ')).toBeDefined();
        const [sql, bindings] = [scan![0] as string, scan![1]];
        if (dialect === 'postgresql') {
          const plan = await fresh().transactional(async (tx) => {
            const connection = tx.getConnection();
            const ctx = tx.getTransactionContext();
            // the plan's shape, whatever the planner would cost on a table this small
            await connection.execute('set local enable_seqscan = off', [], 'run', ctx);
            await connection.execute('set local enable_bitmapscan = off', [], 'run', ctx);
            return connection.execute(`explain ${sql}`, bindings, 'all', ctx);
          });
          const text = (plan as Array<Record<string, string>>).map((row) => row['QUERY PLAN']).join('\n');
          // an index-only scan, never the table (a Seq Scan, or an Index Scan fetching each row from it)
          expect(text, groupBy.join(', ')).toMatch(/Index Only Scan using "?event_attendance_/);
          expect(text, groupBy.join(', ')).not.toMatch(/Seq Scan|(?<!Only )Index Scan|Bitmap/);
        } else {
          const plan = await fresh()
            .getConnection()
            .execute<Array<{ detail: string }>>(`explain query plan ${sql}`, bindings, 'all');
          // SQLite: the attendances read by a covering index (SEARCH e USING COVERING INDEX …) where VENUE or
          // ORGANISER is grouped
          const reads = plan.map((row) => row.detail).filter((d) => /^(SCAN|SEARCH) e\b/.test(d));
          expect(reads, groupBy.join(', ')).not.toHaveLength(0);
          // (TYPE × AUDIENCE: SQLite's planner takes the TYPE-led index for its order on a table this small)
          if (groupBy.some((d) => d === 'VENUE' || d === 'ORGANISER'))
            for (const read of reads) expect(read, groupBy.join(', ')).toMatch(/USING COVERING INDEX/);
        }
      } finally {
        spy.mockRestore();
      }
    }
  });

  it('loads no event, registration or profile to answer (counts come from the database)', async () => {
    const em = fresh();
    const groups = await eventStatisticsOf(em, { communityId: COMMUNITY }, ['ORGANISER', 'MONTH']);
    expect(groups.length).toBeGreaterThan(3);
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});
