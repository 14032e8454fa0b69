import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CommunityEvent, Venue } from '../src/entities/index.js';
import { MAX_VENUE_CAPACITY } from '../src/domain/venue-booking.js';
import { eventsService } from '../src/service.js';

const VENUE = `mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { venue { id capacity } } }`;
const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`;

// GraphQL's Int took any count up to 2,147,483,647 (a venue «for two billion people», an event with as many places),
// and a venue's photo list any number of addresses of any length, within the 1 MiB body.
describe.each(testDialects())('counts and lists within their bounds on %s', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect });
  });
  afterAll(() => service?.stop());

  const venues = () => service.orm.em.fork().count(Venue, {});
  const venue = (input: Record<string, unknown>) =>
    service.graphql(VENUE, { input: { name: '社区多功能活动室', kind: 'ACTIVITY_ROOM', ...input } });

  it('refuses a venue capacity of two billion, naming the field in Chinese, writing nothing', async () => {
    const result = await venue({ capacity: 2_000_000_000 });
    expect(result.errors?.[0]).toMatchObject({
      message: `容纳人数须为 1 至 ${MAX_VENUE_CAPACITY} 之间的整数（收到 2000000000）`,
      extensions: { code: 'BAD_USER_INPUT', field: 'capacity', max: MAX_VENUE_CAPACITY },
    });
    expect(await venues()).toBe(0);
    const largest = await venue({ name: '文化广场', kind: 'SQUARE', capacity: MAX_VENUE_CAPACITY });
    expect(largest.errors).toBeUndefined();
  });

  it('refuses an event without a venue offering two billion places, writing nothing', async () => {
    const plan = (capacity: number) =>
      service.graphql(
        PLAN,
        {
          input: {
            title: '广场舞大赛',
            type: 'LECTURE',
            startsAt: '2027-03-01T02:00:00Z',
            endsAt: '2027-03-01T04:00:00Z',
            capacity,
            organiserKind: 'DEPARTMENT',
            organiserDepartment: 'CULTURE',
          },
        },
        { role: 'culture' },
      );
    const result = await plan(2_000_000_000);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
    expect(result.errors?.[0]?.message).toMatch(/^名额须为 1 至/);
    expect(await service.orm.em.fork().count(CommunityEvent, {})).toBe(0);
    expect((await plan(300)).errors).toBeUndefined();
  });

  it('refuses an event planned for the year 9999 (DateTime between 1900 and 2100), writing nothing', async () => {
    const before = await service.orm.em.fork().count(CommunityEvent, {});
    const result = await service.graphql(
      PLAN,
      {
        input: {
          title: '千年庆典',
          type: 'LECTURE',
          startsAt: '9999-03-01T02:00:00Z',
          endsAt: '9999-03-01T04:00:00Z',
          organiserKind: 'DEPARTMENT',
          organiserDepartment: 'CULTURE',
        },
      },
      { role: 'culture' },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.startsAt' });
    expect(result.errors?.[0]?.message).toContain('1900-01-01 至 2100-12-31');
    expect(await service.orm.em.fork().count(CommunityEvent, {})).toBe(before);
  });

  it('refuses more than 50 photos and a photo address of 5,000 characters, writing nothing', async () => {
    const before = await venues();
    const many = await venue({
      name: '老年之家',
      photoUrls: Array.from({ length: 51 }, (_, i) => `https://example.org/${i}.jpg`),
    });
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoUrls' });
    const long = await venue({ name: '老年之家', photoUrls: [`https://example.org/${'a'.repeat(5000)}.jpg`] });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoUrls.0' });
    expect(long.errors?.[0]?.message).not.toContain('aaaa');
    expect(await venues()).toBe(before);
  });

  it('refuses any input list of more than 1,000 items before it runs (QUERY_LIMIT_EXCEEDED naming it)', async () => {
    const before = await venues();
    const photos = Array.from({ length: 20_000 }, (_, i) => `https://example.org/${i}.jpg`);
    const result = await venue({ name: '露天影院', photoUrls: photos });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'maxListItems',
      value: 1000,
      actual: 20_000,
      field: 'input.photoUrls',
    });
    expect(await venues()).toBe(before);
    // a filter's list: 40,000 enum values made an IN list of as many bound parameters
    const types = Array.from({ length: 40_000 }, () => 'LECTURE');
    const listed = await service.graphql(
      `query($types: [CommunityEventType!]) { communityEvents(filter: { types: $types }) { totalCount } }`,
      { types },
      { role: 'culture' },
    );
    expect(listed.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', field: 'filter.types' });
  });
});
