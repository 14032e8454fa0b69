import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CommunityEvent } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id title } } }`;
const VENUE = `mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { venue { id } } }`;

// A text longer than its column (an event's title: 200 characters) was stored whole on SQLite, which does not enforce
// a varchar's length, and failed on PostgreSQL with the driver's English error as an internal error.
describe.each(testDialects())(
  'inputs beyond their bounds (texts longer than their column, events without end) on %s',
  (dialect) => {
    let service: TestSubgraph;
    beforeAll(async () => {
      service = await startTestSubgraph(eventsService, { dialect });
    });
    afterAll(() => service?.stop());

    const plan = (title: string, description?: string) =>
      service.graphql(
        PLAN,
        {
          input: {
            title,
            description,
            type: 'LECTURE',
            startsAt: '2027-03-01T02:00:00Z',
            endsAt: '2027-03-01T04:00:00Z',
            organiserKind: 'DEPARTMENT',
            organiserDepartment: 'CULTURE',
          },
        },
        { role: 'culture' },
      );

    it('refuses a title over its 200 characters as BAD_USER_INPUT naming the field, writing nothing', async () => {
      const result = await plan('社区读书会'.repeat(40) + '会');
      expect(result.errors?.[0]).toMatchObject({
        message: '输入无效：title：不能超过 200 个字（收到 201 个字）',
        extensions: { code: 'BAD_USER_INPUT', field: 'title' },
      });
      expect(await service.orm.em.fork().count(CommunityEvent, {})).toBe(0);
    });

    it('refuses a description (an unbounded column) over 2,000 characters, writing nothing', async () => {
      const result = await plan('社区读书会', '读书'.repeat(1000) + '。');
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
      expect(await service.orm.em.fork().count(CommunityEvent, {})).toBe(0);
    });

    it('refuses an event lasting longer than 31 days: one planned from 2027 to 2099 held its venue for 72 years', async () => {
      const venue = await service.graphql(VENUE, { input: { name: '社区多功能活动室', kind: 'ACTIVITY_ROOM' } });
      expect(venue.errors).toBeUndefined();
      const venueId = venue.data.registerVenue.venue.id;
      const book = (title: string, startsAt: string, endsAt: string) =>
        service.graphql(
          PLAN,
          {
            input: {
              title,
              type: 'LECTURE',
              venueId,
              startsAt,
              endsAt,
              organiserKind: 'DEPARTMENT',
              organiserDepartment: 'CULTURE',
            },
          },
          { role: 'culture' },
        );
      const forever = await book('长期占用', '2027-03-01T02:00:00Z', '2099-03-01T02:00:00Z');
      expect(forever.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
      const camp = await book('暑期夏令营', '2027-07-01T00:30:00Z', '2027-07-31T09:00:00Z');
      expect(camp.errors).toBeUndefined();
      const lecture = await book('健康讲座', '2030-05-01T02:00:00Z', '2030-05-01T04:00:00Z');
      expect(lecture.errors).toBeUndefined();
    });

    it('counts characters as PostgreSQL does: 200 of them fit, also outside the basic plane', async () => {
      const result = await plan('𠮷'.repeat(200));
      expect(result.errors).toBeUndefined();
      expect(result.data.planCommunityEvent.event.title).toBe('𠮷'.repeat(200));
    });
  },
);
