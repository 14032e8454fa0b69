import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, communityYearMonth } from '@shequ/contracts';
import { DEMO_STREET_OPTIONS, demoDataset, districtCommunities } from '@shequ/demo-data';
import { ManualClock } from '@shequ/subgraph';
import { startTestSubgraph, unresolvedReferences, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { eventsRuleViolations } from '../src/application/rule-audit.js';
import { checkAudience } from '../src/domain/audience-rule.js';
import { galaPlan } from '../src/domain/gala-plan.js';
import { holdsSeat } from '../src/domain/registration-policy.js';
import { checkCapacityFitsVenue, checkTimeRange, checkVenueFree } from '../src/domain/venue-booking.js';
import {
  CommunityEvent,
  EventSponsor,
  Registration,
  Team,
  TeamAward,
  TeamMember,
  Venue,
  VolunteerService,
} from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/**
 * The "todays" the demo must be true on: just after its reference date, half a year later, and a fortnight before the
 * summer camp, whose seats are all taken (an event still to come is then full).
 */
const TODAYS = ['2026-12-02', '2027-07-15', '2027-06-28'];

/** 五年规划: the plan whose title names years that are over is history, not an outlook (十二五 = 2011–2015 …). */
const FIVE_YEAR_PLANS: Array<[string, number]> = [
  ['十一五', 2010],
  ['十二五', 2015],
  ['十三五', 2020],
  ['十四五', 2025],
];

describe.each(testDialects())('the events demo keeps its own rules on %s', (dialect) => {
  describe.each(TODAYS)('seeded on %s', (today) => {
    let service: TestSubgraph;
    const now = new Date(`${today}T02:00:00Z`);
    beforeAll(async () => {
      service = await startTestSubgraph(eventsService, { dialect, seed: true, clock: new ManualClock(now) });
    });
    afterAll(() => service?.stop());

    it('points only at records residents announced: every seeded id is in the reference projection', async () => {
      expect(
        await unresolvedReferences(service, [
          { entity: Registration, field: 'residentId', kind: 'RESIDENT' },
          { entity: TeamMember, field: 'residentId', kind: 'RESIDENT' },
          { entity: Team, field: 'leaderResidentId', kind: 'RESIDENT' },
          { entity: VolunteerService, field: 'residentId', kind: 'RESIDENT' },
          { entity: CommunityEvent, field: 'organiserOrganizationId', kind: 'ORGANIZATION' },
          { entity: Venue, field: 'ownerOrganizationId', kind: 'ORGANIZATION' },
          { entity: EventSponsor, field: 'organizationId', kind: 'ORGANIZATION' },
        ]),
      ).toEqual([]);
    });

    it('has a calendar relative to today: this month’s gala, past events completed, coming ones open', async () => {
      const events = await service.orm.em.fork().find(CommunityEvent, {}, { populate: ['venue'] });
      for (const e of events) {
        checkTimeRange(e.startsAt, e.endsAt);
        if (e.venue) checkCapacityFitsVenue(e.capacity, e.venue.getEntity().capacity);
        if (e.endsAt <= now) expect([e.title, e.status]).toEqual([e.title, 'COMPLETED']);
        else if (e.startsAt > now) expect(['OPEN', 'PLANNED', 'FULL']).toContain(e.status);
        // at most a month ahead and a year back: the demo moves with the calendar
        expect(e.startsAt.getTime()).toBeGreaterThan(new Date(`${addMonths(today, -12)}T00:00:00+08:00`).getTime());
        expect(e.startsAt.getTime()).toBeLessThan(new Date(`${addMonths(today, 2)}T00:00:00+08:00`).getTime());
        for (const [plan, lastYear] of FIVE_YEAR_PLANS)
          if (e.title.includes(plan)) expect(communityYearMonth(e.startsAt).year).toBeLessThanOrEqual(lastYear);
      }
      // 每月一台晚会: this month's gala exists (held, under way or coming), and so do the ten before it, all held
      const { year, month } = communityYearMonth(now);
      const galas = events.filter((e) => e.type === 'GALA');
      const plans = new Map([year - 1, year].map((y) => [y, galaPlan(y, galas)]));
      expect(plans.get(year)![month - 1].status).not.toBe('MISSING');
      for (let back = 1; back <= 10; back++) {
        const index = year * 12 + month - 1 - back;
        expect(plans.get(Math.floor(index / 12))![index % 12].status).toBe('HELD');
      }
      // the same venue is never booked twice at once
      for (const e of events.filter((e) => e.venue && e.status !== 'CANCELLED'))
        checkVenueFree(
          e.venue!.getEntity().name,
          e,
          events.filter((o) => o.venue?.id === e.venue!.id && o.status !== 'CANCELLED'),
        );
    });

    it('registers residents of the audience before now, attendance only at held events', async () => {
      const em = service.orm.em.fork();
      const events = new Map((await em.find(CommunityEvent, {})).map((e) => [e.id, e]));
      // 莲秀社区's residents and the demo street's generated communities' (registered by the same rules)
      const residents = [demoDataset(), ...districtCommunities(DEMO_STREET_OPTIONS)].flatMap((d) => d.residents);
      const birthDates = new Map(residents.map((r) => [r.id, r.birthDate]));
      const registrations = await em.find(Registration, {});
      expect(registrations.length).toBeGreaterThan(1000);
      const seats = new Map<string, number>();
      for (const r of registrations) {
        const event = events.get(r.event.id)!;
        expect(r.registeredAt.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(r.registeredAt.getTime()).toBeLessThan(event.startsAt.getTime());
        checkAudience(event.audience, birthDates.get(r.residentId)!, event.startsAt);
        if (r.status === 'ATTENDED' || r.status === 'NO_SHOW') expect(event.status).toBe('COMPLETED');
        if (event.status === 'COMPLETED') expect(['ATTENDED', 'NO_SHOW']).toContain(r.status);
        if (holdsSeat(r.status)) seats.set(event.id, (seats.get(event.id) ?? 0) + 1);
      }
      for (const [id, taken] of seats) {
        const capacity = events.get(id)!.capacity;
        if (capacity !== null) expect(taken).toBeLessThanOrEqual(capacity);
      }
      for (const e of events.values())
        if (e.status === 'COMPLETED' && (seats.get(e.id) ?? 0) > 0)
          expect(registrations.some((r) => r.event.id === e.id && r.status === 'ATTENDED')).toBe(true);
    });

    it('keeps every rule of the API (eventsRuleViolations over the reference projection and the resident profiles)', async () => {
      expect(await eventsRuleViolations(service.orm.em.fork(), today)).toEqual([]);
    });

    it('records volunteer hours and awards only in the past', async () => {
      const em = service.orm.em.fork();
      for (const s of await em.find(VolunteerService, {})) expect(s.servedOn <= today).toBe(true);
      for (const a of await em.find(TeamAward, {})) expect(a.awardedOn <= today).toBe(true);
    });
  });
});
