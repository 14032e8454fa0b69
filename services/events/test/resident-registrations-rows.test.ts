import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph, largestStatementResult } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CommunityEvent, Registration } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/*
 * Resident.eventRegistrations(first: N) read every registration the resident ever made and showed the latest N: an
 * active resident's years of registrations for a page of residents. The database chooses the latest N of each now.
 */
const COMMUNITY = '350203008006';
const NOW = new Date('2026-06-15T02:00:00Z');
const HOUR = 3_600_000;
const REGISTRATIONS = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Resident { id eventRegistrations(first: 3) { id status } } } }`;
const RESIDENTS = ['res-keen', 'res-some', 'res-none'];

describe.each(testDialects())('a resident’s latest registrations chosen by the database on %s', (dialect) => {
  let service: TestSubgraph;
  const fresh = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect, clock: new ManualClock(NOW) });
    const em = fresh();
    // forty events; the keen resident registered for all, another for two
    for (let e = 0; e < 40; e++) {
      const startsAt = new Date(NOW.getTime() - (40 - e) * 24 * HOUR);
      const event = em.create(CommunityEvent, {
        id: `ev-${String(e).padStart(2, '0')}`,
        communityId: COMMUNITY,
        title: `讲座 ${e}`,
        type: 'LECTURE',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        status: 'COMPLETED',
      });
      const register = (residentId: string) =>
        em.create(Registration, {
          id: `reg-${residentId}-${e}`,
          communityId: COMMUNITY,
          event,
          residentId,
          status: e % 3 ? 'ATTENDED' : 'NO_SHOW',
          registeredAt: new Date(startsAt.getTime() - 3 * 24 * HOUR),
        });
      register('res-keen');
      if (e % 20 === 0) register('res-some');
    }
    await em.flush();
  });
  afterAll(() => service?.stop());

  /** Runs `work`, telling the most rows any one statement returned (libs/subgraph `largestStatementResult`). */
  const largestResult = <T>(work: () => Promise<T>) => largestStatementResult(service.orm, work);

  it('shows each resident’s latest registrations as before, reading at most those', async () => {
    const { value: result, largest } = await largestResult(() =>
      service.graphql(REGISTRATIONS, { reps: RESIDENTS.map((id) => ({ __typename: 'Resident', id })) }),
    );
    expect(result.errors).toBeUndefined();
    const all = await fresh().find(Registration, {}, { orderBy: { registeredAt: 'desc', id: 'desc' } });
    expect(result.data._entities).toEqual(
      RESIDENTS.map((id) => ({
        id,
        eventRegistrations: all
          .filter((r) => r.residentId === id)
          .slice(0, 3)
          .map((r) => ({ id: r.id, status: r.status })),
      })),
    );
    expect(result.data._entities[0].eventRegistrations).toHaveLength(3);
    // the latest three of each resident (and their events): never the keen resident's forty
    expect(largest).toBeLessThanOrEqual(6);
  });
});
