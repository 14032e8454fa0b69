import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn, communityYearMonth } from '@shequ/contracts';
import { demoDataset, demoId } from '@shequ/demo-data';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { checkRehearsalHistory } from '../src/domain/event-lifecycle.js';
import { overlaps } from '../src/domain/venue-booking.js';
import { OutboxMessage } from '@shequ/messaging';
import { CommunityEvent, Registration, VolunteerService } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

const MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

describe.each(testDialects())('events demo seed on %s', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect, seed: true });
  });
  afterAll(() => service?.stop());

  /** The next gala still open for registration: this month's, or next month's once this month's has been held. */
  const nextOpenGala = async (): Promise<{ id: string; title: string; status: string; audience: string }> =>
    (
      await service.graphql(
        `{ communityEvents(filter: { types: [GALA], statuses: [OPEN] }, first: 1) { edges { node { id title status audience } } } }`,
      )
    ).data.communityEvents.edges[0].node;

  it('keeps the next gala (the one the end-to-end test registers for) open with seats left, whatever the date', async () => {
    // The demo's calendar follows the seed's clock (here the real one).
    const { month } = communityYearMonth(new Date());
    const open = await nextOpenGala();
    expect([MONTHS[month - 1], MONTHS[month % 12]].some((m) => open.title.startsWith(`${m}月`))).toBe(true);
    const result = await service.graphql(
      `query($id: ID!) { communityEvent(id: $id) { title status audience capacity seatsTaken venue { name } } }`,
      { id: open.id },
    );
    const gala = result.data.communityEvent;
    expect(gala).toMatchObject({ title: open.title, status: 'OPEN', audience: 'ALL' });
    expect(gala.capacity).toBeGreaterThan(gala.seatsTaken);
  });

  it('plans every rehearsal for a gala that was not over when it was planned (the API’s rule, as history)', async () => {
    const events = await service.orm.em.fork().find(CommunityEvent, {});
    const byId = new Map(events.map((e) => [e.id, e]));
    const rehearsals = events.filter((e) => e.type === 'REHEARSAL');
    expect(rehearsals.length).toBeGreaterThanOrEqual(12);
    for (const rehearsal of rehearsals) {
      const gala = byId.get(rehearsal.rehearsalForId ?? '');
      expect(gala, `the gala of ${rehearsal.title}`).toBeDefined();
      checkRehearsalHistory(rehearsal, gala!);
    }
    // the rule refuses what no planning could have passed: a rehearsal after its gala, or of no gala
    const gala = rehearsals.map((r) => byId.get(r.rehearsalForId!)!)[0];
    expect(() => checkRehearsalHistory({ startsAt: gala.endsAt }, gala)).toThrow(/已结束/);
    expect(() => checkRehearsalHistory(rehearsals[0], rehearsals[1])).toThrow(/排练只能关联晚会/);
  });

  it('has a dozen venues whose bookings never overlap', async () => {
    expect(
      (await service.graphql(`{ venues(first: 100) { totalCount } }`)).data.venues.totalCount,
    ).toBeGreaterThanOrEqual(12);
    const events = await service.orm.em
      .fork()
      .find(CommunityEvent, { venue: { $ne: null }, status: { $ne: 'CANCELLED' } });
    const byVenue = new Map<string, CommunityEvent[]>();
    for (const e of events) byVenue.set(e.venue!.id, [...(byVenue.get(e.venue!.id) ?? []), e]);
    const clashes = [...byVenue.values()].flatMap((list) =>
      list.flatMap((a, i) =>
        list
          .slice(i + 1)
          .filter((b) => overlaps(a, b))
          .map((b) => `${a.title} / ${b.title}`),
      ),
    );
    expect(clashes).toEqual([]);

    // each venue's usage log (started or ended, latest first) and bookings (not started, soonest first), per page
    const listed = await service.graphql(
      `{ venues(first: 100) { edges { node { id usageLog(first: 3) { status startsAt } bookings(first: 2) { status startsAt } } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    for (const { node } of listed.data.venues.edges) {
      const held = events
        .filter((e) => e.venue!.id === node.id && ['ONGOING', 'COMPLETED'].includes(e.status))
        .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
      const coming = events
        .filter((e) => e.venue!.id === node.id && ['PLANNED', 'OPEN', 'FULL'].includes(e.status))
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      expect(node.usageLog.map((e: any) => e.startsAt)).toEqual(held.slice(0, 3).map((e) => e.startsAt.toISOString()));
      expect(node.bookings.map((e: any) => e.startsAt)).toEqual(
        coming.slice(0, 2).map((e) => e.startsAt.toISOString()),
      );
    }
  });

  it('plans a gala every month, from ten months ago to next month, the past ones held', async () => {
    // The demo's calendar follows the seed's clock (here the real one).
    const { year, month } = communityYearMonth(new Date());
    const plans = new Map<number, Array<{ month: number; status: string }>>();
    for (const y of [year - 1, year, year + 1])
      plans.set(
        y,
        (await service.graphql(`query($y: Int!) { galaPlan(year: $y) { month status } }`, { y })).data.galaPlan,
      );
    for (let back = -1; back <= 10; back++) {
      const index = year * 12 + month - 1 - back;
      const status = plans.get(Math.floor(index / 12))![index % 12].status;
      expect(status).toBe(back > 0 ? 'HELD' : status === 'HELD' ? 'HELD' : 'PLANNED');
    }
  });

  it('has 老少学堂 with 101 participants and a summer camp for about 30 migrant workers’ children aged 6–14', async () => {
    const em = service.orm.em.fork();
    expect(await em.count(Registration, { event: demoId('community-event', 0), status: 'ATTENDED' })).toBe(101);
    const camp = await em.find(Registration, { event: demoId('community-event', 1) });
    expect(camp).toHaveLength(30);
    const residents = new Map(demoDataset().residents.map((r) => [r.id, r]));
    for (const r of camp) {
      const resident = residents.get(r.residentId)!;
      expect(resident.residenceType).toBe('FLOATING');
      const age = ageOn(resident.birthDate, '2026-07-13');
      expect(age).toBeGreaterThanOrEqual(6);
      expect(age).toBeLessThanOrEqual(14);
    }
  });

  it('answers statistics over the seeded year and takes new registrations for the gala', async () => {
    const stats = (
      await service.graphql(
        `{ eventStatistics(groupBy: [TYPE]) { type events attended attendanceRate uniqueParticipants elderlyShare } }`,
        undefined,
        { role: 'analyst' },
      )
    ).data.eventStatistics;
    const classes = stats.find((g: any) => g.type === 'ELDER_YOUTH_CLASS');
    expect(classes.events).toBeGreaterThanOrEqual(10);
    expect(classes.elderlyShare).toBeGreaterThan(0);
    expect(classes.elderlyShare).toBeLessThan(1);
    const volunteers = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { volunteerHours { services } } } }`,
      {
        reps: demoDataset()
          .residents.slice(0, 300)
          .map((r) => ({ __typename: 'Resident', id: r.id })),
      },
    );
    expect(volunteers.data._entities.some((e: any) => e.volunteerHours.services > 0)).toBe(true);
    const em = service.orm.em.fork();
    const services = await em.count(VolunteerService, {});
    expect(services).toBeGreaterThan(50);
    expect(await em.count(OutboxMessage, { subject: 'shequ.events.volunteer_hours.recorded' })).toBe(services);
    const adult = demoDataset().residents.find((r) => ageOn(r.birthDate, '2026-11-01') === 40)!;
    const signed = await service.graphql(
      `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { status } } }`,
      {
        input: { eventId: (await nextOpenGala()).id, residentId: adult.id },
      },
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data.registerForEvent.registration.status).toBe('CONFIRMED');
  });
});
