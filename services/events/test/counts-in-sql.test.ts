import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationStatus } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph, largestStatementResult } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { seatCountsOf } from '../src/domain/registration-policy.js';
import { volunteerHoursSummary } from '../src/domain/volunteer-hours.js';
import { CommunityEvent, Registration, VolunteerService, VolunteerShift } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/*
 * Counts a page showed were counted in memory over every row they covered: an event page's seatsTaken / waitlisted /
 * attended read every registration of every event on the page; Resident.volunteerHours read every service the
 * resident ever did to sum them and show the latest twenty. The database counts and sums them now (`group by`) and
 * chooses the latest twenty; the answers are those of the former computation (the domain rules over every row).
 */
const COMMUNITY = '350203008006';
const NOW = new Date('2026-06-15T02:00:00Z');
const HOUR = 3_600_000;
const EVENTS = `{ communityEvents(first: 10) { edges { node { id seatsTaken waitlisted attended } } } }`;
const HOURS = `query($reps: [_Any!]!, $year: Int) { _entities(representations: $reps) { ... on Resident {
  id volunteerHours(year: $year) { totalMinutes totalHours services recent { id minutes servedOn } } } } }`;
const STATUSES: RegistrationStatus[] = ['CONFIRMED', 'ATTENDED', 'WAITLISTED', 'NO_SHOW', 'CANCELLED', 'ATTENDED'];

describe.each(testDialects())('seat counts and volunteer hours counted by the database on %s', (dialect) => {
  let service: TestSubgraph;
  const fresh = () => service.orm.em.fork();
  const volunteers = ['vh-1', 'vh-2', 'vh-3'];

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect, clock: new ManualClock(NOW) });
    const em = fresh();
    // three events: 60, 7 and no registrations of every status
    [60, 7, 0].forEach((registrations, e) => {
      const startsAt = new Date(NOW.getTime() + (e + 1) * 24 * HOUR);
      const event = em.create(CommunityEvent, {
        id: `ev-${e}`,
        communityId: COMMUNITY,
        title: `讲座 ${e}`,
        type: 'LECTURE',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        status: 'OPEN',
        capacity: 100,
      });
      for (let r = 0; r < registrations; r++)
        em.create(Registration, {
          id: `reg-${e}-${r}`,
          communityId: COMMUNITY,
          event,
          residentId: `res-${r}`,
          status: STATUSES[(r * 7 + e) % STATUSES.length],
          registeredAt: new Date(NOW.getTime() - r * HOUR),
        });
    });
    // a shift a day: the first volunteer served 45 times over two years, the second 5 times in 2025, the third never
    let n = 0;
    const serve = (residentId: string, servedOn: string, minutes: number) => {
      const startsAt = new Date(`${servedOn}T01:00:00Z`);
      const shift = em.create(VolunteerShift, {
        id: `shift-${++n}`,
        communityId: COMMUNITY,
        role: '秩序维护',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 4 * HOUR),
      });
      em.create(VolunteerService, {
        id: `svc-${String(n).padStart(3, '0')}`,
        communityId: COMMUNITY,
        shift,
        residentId,
        minutes,
        servedOn,
        recordedAt: new Date(startsAt.getTime() + 5 * HOUR),
      });
    };
    for (let d = 0; d < 45; d++) {
      const day = new Date(Date.UTC(2025, 10, 1) + d * 5 * 24 * HOUR).toISOString().slice(0, 10);
      serve(volunteers[0], day, 30 + (d % 5) * 25);
    }
    serve(volunteers[0], '2026-01-01', 90); // the same day as another service
    for (let d = 0; d < 5; d++) serve(volunteers[1], `2025-0${d + 1}-10`, 60);
    await em.flush();
  });
  afterAll(() => service?.stop());

  /** Runs `work`, telling the most rows any one statement returned (libs/subgraph `largestStatementResult`). */
  const largestResult = <T>(work: () => Promise<T>) => largestStatementResult(service.orm, work);

  it('counts an event page’s seats by the database, as over every registration', async () => {
    const { value: result, largest } = await largestResult(() => service.graphql(EVENTS));
    expect(result.errors).toBeUndefined();
    const registrations = await fresh().find(Registration, {});
    const expected = ['ev-0', 'ev-1', 'ev-2'].map((id) => ({
      id,
      ...(({ taken, waitlisted, attended }) => ({ seatsTaken: taken, waitlisted, attended }))(
        seatCountsOf(registrations.filter((r) => r.event.id === id).map((r) => r.status)),
      ),
    }));
    expect(result.data.communityEvents.edges.map((edge: { node: unknown }) => edge.node)).toEqual(expected);
    expect(expected[0].seatsTaken).toBeGreaterThan(20);
    // the events (3) and their counts by status (at most 3 × 5): never the 60 registrations of the first
    expect(largest).toBeLessThanOrEqual(15);
  });

  it('sums volunteer hours by the database and reads only the latest twenty services, as over every service', async () => {
    const all = await fresh().find(VolunteerService, {}, { orderBy: { servedOn: 'desc', id: 'desc' } });
    for (const year of [null, 2025, 2026, 2024]) {
      const { value: result, largest } = await largestResult(() =>
        service.graphql(HOURS, {
          reps: volunteers.map((id) => ({ __typename: 'Resident', id })),
          year,
        }),
      );
      expect(result.errors).toBeUndefined();
      const expected = volunteers.map((id) => {
        const summary = volunteerHoursSummary(
          all.filter((s) => s.residentId === id),
          year,
        );
        return {
          id,
          volunteerHours: {
            ...summary,
            recent: summary.recent.map((s) => ({ id: s.id, minutes: s.minutes, servedOn: s.servedOn })),
          },
        };
      });
      expect(result.data._entities, String(year)).toEqual(expected);
      // one row per volunteer summed, the latest twenty of each: never the first volunteer's 46 services
      expect(largest, String(year)).toBeLessThanOrEqual(2 * 20);
    }
    expect(all.filter((s) => s.residentId === volunteers[0]).length).toBeGreaterThan(40);
  });
});
