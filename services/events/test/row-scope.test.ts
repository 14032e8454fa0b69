import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { GridCode, ResidentProfile } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

const COMMUNITY = '350203008006';
const GRID_A = `${COMMUNITY}-01`;
const gridWorkerA: Caller = { role: 'grid_worker', grids: [GRID_A] };

/**
 * Calling the events subgraph directly, a grid worker sees registrations, volunteer records and team members of
 * the residents of their own grids only — through `_entities` as through its own lists.
 */
describe.each(testDialects())('events row scope for every entry point on %s', (dialect) => {
  let service: TestSubgraph;
  let eventId: string;

  async function ok(query: string, variables?: Record<string, unknown>, caller?: Caller) {
    const result = await service.graphql(query, variables, caller);
    expect(result.errors).toBeUndefined();
    return result.data;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, {
      dialect,
      clock: new ManualClock(new Date('2026-12-01T02:00:00Z')),
    });
    const em = service.orm.em.fork();
    em.create(GridCode, { gridId: 'grid-a', communityId: COMMUNITY, code: GRID_A });
    em.create(GridCode, { gridId: 'grid-b', communityId: COMMUNITY, code: `${COMMUNITY}-02` });
    em.create(ResidentProfile, {
      residentId: 'r-a',
      communityId: COMMUNITY,
      birthDate: '1960-01-01',
      gridId: 'grid-a',
    });
    em.create(ResidentProfile, {
      residentId: 'r-b',
      communityId: COMMUNITY,
      birthDate: '1961-01-01',
      gridId: 'grid-b',
    });
    await em.flush();
    await knownReferences(service, [
      { kind: 'ORGANIZATION', id: 'org-1' },
      { kind: 'RESIDENT', id: 'r-a', gridId: 'grid-a' },
      { kind: 'RESIDENT', id: 'r-b', gridId: 'grid-b' },
    ]);
    const venue = await ok(`mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { venue { id } } }`, {
      input: { name: '社区多功能活动室', kind: 'ACTIVITY_ROOM', capacity: 80, ownerOrganizationId: 'org-1' },
    });
    const planned = await ok(
      `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`,
      {
        input: {
          title: '老年健康讲座',
          type: 'LECTURE',
          venueId: venue.registerVenue.venue.id,
          startsAt: '2027-01-05T07:00:00Z',
          endsAt: '2027-01-05T09:00:00Z',
          organiserKind: 'DEPARTMENT',
          organiserDepartment: 'CULTURE',
        },
      },
    );
    eventId = planned.planCommunityEvent.event.id;
    await ok(`mutation($id: ID!) { publishCommunityEvent(input: { eventId: $id }) { event { status } } }`, {
      id: eventId,
    });
    for (const residentId of ['r-a', 'r-b'])
      await ok(`mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { id } } }`, {
        input: { eventId, residentId },
      });
  });
  afterAll(() => service?.stop());

  const RESIDENT_ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Resident { id eventRegistrations { event { id } } volunteerHours { services } } } }`;

  it('_entities for a Resident of another grid gives a grid worker no registrations', async () => {
    const representations = [
      { __typename: 'Resident', id: 'r-a' },
      { __typename: 'Resident', id: 'r-b' },
    ];
    const admin = await ok(RESIDENT_ENTITIES, { representations });
    expect(admin._entities.map((r: any) => r.eventRegistrations.length)).toEqual([1, 1]);
    const worker = await ok(RESIDENT_ENTITIES, { representations }, gridWorkerA);
    expect(worker._entities[0]).toMatchObject({ id: 'r-a', eventRegistrations: [{ event: { id: eventId } }] });
    expect(worker._entities[1]).toMatchObject({ id: 'r-b', eventRegistrations: [], volunteerHours: null });
  });

  it('communityEvents, communityEvent and _entities for CommunityEvent list only the own grid’s registrations', async () => {
    const selection = `registrations(first: 20) { totalCount edges { node { resident { id } } } }`;
    const listed = await ok(`{ communityEvents(first: 10) { edges { node { id ${selection} } } } }`, {}, gridWorkerA);
    const node = listed.communityEvents.edges.find((e: any) => e.node.id === eventId).node;
    expect(node.registrations.totalCount).toBe(1);
    expect(node.registrations.edges.map((e: any) => e.node.resident.id)).toEqual(['r-a']);
    const one = await ok(`query($id: ID!) { communityEvent(id: $id) { ${selection} } }`, { id: eventId }, gridWorkerA);
    expect(one.communityEvent.registrations.edges.map((e: any) => e.node.resident.id)).toEqual(['r-a']);
    const entity = await ok(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on CommunityEvent { ${selection} } } }`,
      { r: [{ __typename: 'CommunityEvent', id: eventId }] },
      gridWorkerA,
    );
    expect(entity._entities[0].registrations.edges.map((e: any) => e.node.resident.id)).toEqual(['r-a']);
    const admin = await ok(`query($id: ID!) { communityEvent(id: $id) { ${selection} } }`, { id: eventId });
    expect(admin.communityEvent.registrations.totalCount).toBe(2);
  });
});
