import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import {
  announcedReads,
  knownReferences,
  startTestSubgraph,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ResidentProfile } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

// A registration for an event with an age audience tells the registrant's age band: the audience rule let them in
// on their birth date (a 老年人 lecture: 60 or older on its day). Before, the registration lists showed it to every
// caller reading events (文化, a key with events:read) with no entry in the resident's trail; only the rule's use
// when registering was. Each registration shown for such an event is now a use of `age`; an open event's is not.
const COMMUNITY = '350203008006';
const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { id } } }`;
const EVENT_REGISTRATIONS = `query($id: ID!) { communityEvent(id: $id) { registrations { totalCount edges { node { id status } } } } }`;
const RESIDENT_REGISTRATIONS = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Resident { eventRegistrations { id } } } }`;

describe.each(testDialects())('registrations of an event with an age audience are audited on %s', (dialect) => {
  let service: TestSubgraph;
  const events: Record<'ELDERLY' | 'ALL', string> = { ELDERLY: '', ALL: '' };
  let caller = 0;
  const culture = (): Caller & { subject: string } => ({ role: 'culture', subject: `culture-${++caller}` });

  const fieldsRead = async (callerId: string, residentId: string): Promise<string[]> =>
    (await announcedReads(service, 'events', callerId))
      .filter(({ read }) => read.subjectId === residentId)
      .flatMap(({ communityId, read }) => read.fields.map((field) => `${communityId}:${field}`));

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, {
      dialect,
      clock: new ManualClock(new Date('2026-12-01T02:00:00Z')),
    });
    const em = service.orm.em.fork();
    em.create(ResidentProfile, { residentId: 'r-old', communityId: COMMUNITY, birthDate: '1950-01-01' });
    await em.flush();
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'r-old' }]);
    for (const audience of ['ELDERLY', 'ALL'] as const) {
      const planned = await service.graphql(
        `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`,
        {
          input: {
            title: audience === 'ELDERLY' ? '老年健康讲座' : '邻里文化节',
            type: 'LECTURE',
            startsAt: audience === 'ELDERLY' ? '2027-01-05T07:00:00Z' : '2027-01-06T07:00:00Z',
            endsAt: audience === 'ELDERLY' ? '2027-01-05T09:00:00Z' : '2027-01-06T09:00:00Z',
            audience,
            organiserKind: 'DEPARTMENT',
            organiserDepartment: 'CULTURE',
          },
        },
      );
      expect(planned.errors).toBeUndefined();
      events[audience] = planned.data.planCommunityEvent.event.id;
      const published = await service.graphql(
        `mutation($id: ID!) { publishCommunityEvent(input: { eventId: $id }) { event { status } } }`,
        { id: events[audience] },
      );
      expect(published.errors).toBeUndefined();
      const registered = await service.graphql(REGISTER, { input: { eventId: events[audience], residentId: 'r-old' } });
      expect(registered.errors).toBeUndefined();
    }
  });
  afterAll(() => service?.stop());

  it('audits each registration an age-restricted event lists as a use of the registrant’s age', async () => {
    const as = culture();
    const listed = await service.graphql(EVENT_REGISTRATIONS, { id: events.ELDERLY }, as);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.communityEvent.registrations.edges).toHaveLength(1);
    expect(await fieldsRead(as.subject, 'r-old')).toEqual([`${COMMUNITY}:age`]);
  });

  it('records nothing for the registrations of an event open to all', async () => {
    const as = culture();
    const listed = await service.graphql(EVENT_REGISTRATIONS, { id: events.ALL }, as);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.communityEvent.registrations.edges).toHaveLength(1);
    expect(await fieldsRead(as.subject, 'r-old')).toEqual([]);
  });

  it('audits a resident’s registrations reached through _entities (Resident.eventRegistrations)', async () => {
    const as = culture();
    const result = await service.graphql(
      RESIDENT_REGISTRATIONS,
      { representations: [{ __typename: 'Resident', id: 'r-old' }] },
      as,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].eventRegistrations).toHaveLength(2);
    expect(await fieldsRead(as.subject, 'r-old')).toEqual([`${COMMUNITY}:age`]);
  });
});
