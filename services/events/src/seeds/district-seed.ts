import { ageOn, communityDay, type CommunityEventType, type RegistrationStatus } from '@shequ/contracts';
import { demoId, SeededRandom, type DemoDataset } from '@shequ/demo-data';
import type { EntityManager } from '@shequ/database';
import type { CommunityWriter } from '@shequ/subgraph';
import { ageFits } from '../domain/audience-rule.js';
import type { EventAudience } from '../domain/vocabularies.js';
import { CommunityEvent, GridCode, Registration, ResidentProfile, Venue } from '../entities/index.js';
import { checkStartNotBeforePlanning } from '../domain/event-lifecycle.js';
import { plannedBefore } from './demo-seed.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Activities a year per resident (莲秀社区: ≈60 for 2,500 residents, a gala a month among them). */
const EVENTS_PER_RESIDENT = 0.024;

/** What a community holds, with titles in the words of the reference documents, and who may come. */
const KINDS: Array<[CommunityEventType, string[], EventAudience, number]> = [
  ['GALA', ['邻里文艺晚会', '迎新春文艺晚会', '“欢乐社区”月度晚会'], 'ALL', 2],
  ['LECTURE', ['老年人防诈骗安全讲座', '健康养生讲座', '垃圾分类知识讲座', '消防安全讲座'], 'ADULTS', 3],
  ['ELDER_YOUTH_CLASS', ['老少学堂：书法', '老少学堂：闽南童谣', '老少学堂：剪纸'], 'ELDERS_AND_CHILDREN', 2],
  ['VOLUNTEER_SERVICE', ['志愿服务日：环境整治与义诊量血压', '关爱空巢老人上门服务'], 'ADULTS', 3],
  ['PARTY_DAY', ['主题党日：重温入党誓词', '主题党日：走访困难党员'], 'ADULTS', 1],
  ['SPORTS', ['社区健步走', '邻里乒乓球赛', '广场舞展演'], 'ALL', 2],
  ['TRAINING', ['就业技能培训', '手机使用培训'], 'ADULTS', 1],
];

/**
 * 文化活动's part of a generated community: the projections it keeps (residents' grids and birth dates, grid
 * codes), a venue or two, a year of activities up to `now` (completed ones with attendance, the coming weeks open
 * for registration) and residents' registrations within each activity's audience and capacity.
 */
export function eventsDistrictWriter(options: {
  now: Date;
  hasData?: (em: EntityManager) => Promise<boolean>;
}): CommunityWriter<DemoDataset> {
  return {
    hasData: options.hasData ?? (async (em) => (await em.count(CommunityEvent, {})) > 0),
    async writeCommunity(data, out) {
      const now = options.now;
      const today = communityDay(now);
      const communityId = data.community.code;
      const random = new SeededRandom(`${communityId}:events`);
      const id = (kind: string, index: number) => demoId(`${communityId}:${kind}`, index);
      const buildingGrid = new Map(data.buildings.map((b) => [b.id, b.gridId]));
      const householdGrid = new Map(data.households.map((h) => [h.id, buildingGrid.get(h.buildingId) ?? null]));
      await out.insert(
        ResidentProfile,
        data.residents.map((r) => ({
          residentId: r.id,
          communityId,
          birthDate: r.birthDate,
          gridId: householdGrid.get(r.householdId) ?? null,
          diedOn: null,
          movedOutOn: null,
        })),
      );
      await out.insert(
        GridCode,
        data.grids.map((g) => ({ gridId: g.id, communityId, code: g.code })),
      );
      const shortName = data.community.name.replace(/社区$/, '');
      const venues = [
        {
          id: id('venue', 0),
          communityId,
          name: `${shortName}社区活动室`,
          kind: 'ACTIVITY_ROOM' as const,
          capacity: 80,
        },
        { id: id('venue', 1), communityId, name: `${shortName}社区文体广场`, kind: 'SQUARE' as const, capacity: 300 },
      ];
      await out.insert(
        Venue,
        venues.map((v) => ({ ...v, address: null, ownerOrganizationId: null, photoUrls: null, openingHours: null })),
      );
      const byAudience = new Map<EventAudience, typeof data.residents>();
      const audienceOf = (audience: EventAudience) => {
        let list = byAudience.get(audience);
        if (!list) {
          list = data.residents.filter((r) => {
            const age = ageOn(r.birthDate, today);
            if (audience === 'ADULTS') return age >= 18;
            if (audience === 'ELDERS_AND_CHILDREN') return age >= 60 || (age >= 6 && age <= 14);
            return true;
          });
          byAudience.set(audience, list);
        }
        return list;
      };
      const kinds = KINDS.map((k) => [k, k[3]] as const);
      const count = Math.max(2, Math.round(data.residents.length * EVENTS_PER_RESIDENT));
      const events: Array<Record<string, unknown>> = [];
      const registrations: Array<Record<string, unknown>> = [];
      /** When each venue's last booking ends (activities are generated in order of their day). */
      const venueFreeAt = new Map<string, number>();
      for (let i = 0; i < count; i++) {
        const [type, titles, audience] = random.weighted(kinds);
        // Over the year up to now, the last few still to come (three weeks ahead at most).
        const day = Math.floor(((i + 1) * 386) / count) - 365;
        const venue = type === 'GALA' || type === 'SPORTS' ? venues[1] : venues[0];
        // one activity at a time in a venue (as the API books them): on a day with two (a community of more than
        // ~16,000 has more activities than days) the later one starts when the earlier one ends
        const planned = Math.floor(now.getTime() / DAY) * DAY + day * DAY + (1 + random.int(0, 10)) * HOUR;
        const startsAt = new Date(Math.max(planned, venueFreeAt.get(venue.id) ?? 0));
        const endsAt = new Date(startsAt.getTime() + random.int(1, 3) * HOUR);
        // planned a month ahead (before anyone registered), as the API plans: the start not before the planning
        const plannedAt = plannedBefore(startsAt, now);
        checkStartNotBeforePlanning(startsAt, plannedAt);
        venueFreeAt.set(venue.id, endsAt.getTime());
        const capacity = random.int(20, Math.min(venue.capacity, 120));
        const done = endsAt < now;
        const eventId = id('event', i);
        const people = audienceOf(audience);
        const wanted = Math.min(people.length, Math.round(capacity * (done ? random.next() * 0.4 + 0.6 : 0.5)));
        const start = people.length > 0 ? random.int(0, people.length - 1) : 0;
        const step = people.length > 0 ? Math.max(1, Math.floor(people.length / Math.max(1, wanted))) : 1;
        // registered one to fourteen days before the start (not after now): born by the earliest of those days, as
        // the API registers residents, not people still to be born
        const bornBy = communityDay(new Date(Math.min(startsAt.getTime() - 14 * DAY, now.getTime() - HOUR)));
        const chosen = new Set<string>();
        for (let k = 0; k < wanted; k++) {
          const person = people[(start + k * step) % people.length];
          // the audience's ages hold on the day of the activity (as the API checks them)
          if (person.birthDate <= bornBy && ageFits(audience, ageOn(person.birthDate, startsAt))) chosen.add(person.id);
        }
        let n = 0;
        for (const residentId of chosen) {
          const registeredAt = new Date(startsAt.getTime() - random.int(1, 14) * DAY);
          const status: RegistrationStatus = done ? (random.chance(0.88) ? 'ATTENDED' : 'NO_SHOW') : 'CONFIRMED';
          registrations.push({
            id: id('registration', i * 1000 + n++),
            communityId,
            event: eventId,
            residentId,
            status,
            registeredAt: registeredAt < now ? registeredAt : new Date(now.getTime() - HOUR),
            attendedAt: status === 'ATTENDED' ? startsAt : null,
            cancelledAt: null,
            cancelReason: null,
          });
        }
        events.push({
          id: eventId,
          communityId,
          title: `${shortName}社区${random.pick(titles)}`,
          type,
          description: null,
          venue: venue.id,
          startsAt,
          endsAt,
          capacity,
          status: done ? 'COMPLETED' : chosen.size >= capacity ? 'FULL' : 'OPEN',
          audience,
          organiserKind: 'DEPARTMENT',
          organiserDepartment: type === 'PARTY_DAY' ? 'PARTY_AFFAIRS' : 'CULTURE',
          organiserTeamId: null,
          organiserOrganizationId: null,
          rehearsalForId: null,
          cancelReason: null,
          plannedAt,
        });
      }
      await out.insert(CommunityEvent, events);
      await out.insert(Registration, registrations);
    },
  };
}
