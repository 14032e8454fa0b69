import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingChineseDescriptions } from '@shequ/subgraph';
import { pendingSchemaChanges, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CommunityEvent, Registration, Venue } from '../src/entities/index.js';
import { buildEventsSchema } from '../src/graphql/schema.js';
import { eventsService } from '../src/service.js';

const REGISTER = `mutation($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { registration { id status resident { id } event { title status venue { name } } } }
}`;

describe.each(testDialects())('events subgraph on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect });
    const em = service.orm.em.fork();
    const hall = em.create(Venue, { id: 'venue-hall', communityId: '350203008006', name: '社区多功能活动室', kind: '活动室', capacity: 80 });
    const at = new Date('2026-12-05T07:00:00Z');
    const base = { communityId: '350203008006', venue: hall, startsAt: at, endsAt: new Date(at.getTime() + 5_400_000) };
    em.create(CommunityEvent, { ...base, id: 'lecture', title: '老年人防诈骗安全讲座', type: 'LECTURE', capacity: 2, status: 'OPEN' });
    em.create(CommunityEvent, { ...base, id: 'race', title: '书法体验课', type: 'TRAINING', capacity: 1, status: 'OPEN' });
    em.create(CommunityEvent, { ...base, id: 'done', title: '已结束的活动', type: 'LECTURE', capacity: 10, status: 'COMPLETED' });
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  it('confirms while seats remain, then waitlists, and marks the event full', async () => {
    const one = await service.graphql(REGISTER, { input: { eventId: 'lecture', residentId: 'r1' } });
    const two = await service.graphql(REGISTER, { input: { eventId: 'lecture', residentId: 'r2' } });
    const three = await service.graphql(REGISTER, { input: { eventId: 'lecture', residentId: 'r3' } });
    expect([one, two, three].map((r) => r.data.registerForEvent.registration.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED']);
    expect(three.data.registerForEvent.registration.event).toEqual({ title: '老年人防诈骗安全讲座', status: 'FULL', venue: { name: '社区多功能活动室' } });
  });

  it('refuses a second registration of the same resident with CONFLICT', async () => {
    const again = await service.graphql(REGISTER, { input: { eventId: 'lecture', residentId: 'r1' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'residentId' });
  });

  it('refuses an unknown event (BAD_USER_INPUT) and a completed one (CONFLICT), writing nothing', async () => {
    const before = await service.orm.em.fork().count(Registration, {});
    const unknown = await service.graphql(REGISTER, { input: { eventId: 'nope', residentId: 'r9' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    const closed = await service.graphql(REGISTER, { input: { eventId: 'done', residentId: 'r9' } });
    expect(closed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await service.orm.em.fork().count(Registration, {})).toBe(before);
  });

  it('gives the last seat to exactly one of two residents racing for it', async () => {
    const [a, b] = await Promise.all([
      service.graphql(REGISTER, { input: { eventId: 'race', residentId: 'racer-a' } }),
      service.graphql(REGISTER, { input: { eventId: 'race', residentId: 'racer-b' } }),
    ]);
    const statuses = [a, b].map((r) => r.data?.registerForEvent.registration.status).sort();
    expect(statuses).toEqual(['CONFIRMED', 'WAITLISTED']);
  });

  it('contributes Resident.eventRegistrations, batched', async () => {
    const result = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { eventRegistrations { status event { title } } } } }`,
      { reps: [{ __typename: 'Resident', id: 'r3' }, { __typename: 'Resident', id: 'nobody' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([{ eventRegistrations: [{ status: 'WAITLISTED', event: { title: '老年人防诈骗安全讲座' } }] }, { eventRegistrations: [] }]);
  });
});

describe('events schema', () => {
  it('describes every type, field, argument and enum value in Chinese', async () => {
    const { schema } = await buildEventsSchema();
    expect(missingChineseDescriptions(schema)).toEqual([]);
  });
});
