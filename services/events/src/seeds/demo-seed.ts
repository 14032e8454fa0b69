import type { CommunityEventStatus, CommunityEventType, RegistrationStatus } from '@shequ/contracts';
import { demoDataset, demoId, SeededRandom } from '@shequ/demo-data';
import type { ServiceDependencies } from '@shequ/subgraph';
import { CommunityEvent, Registration, Venue } from '../entities/index.js';

const VENUES: Array<[string, string, number]> = [
  ['社区多功能活动室', '活动室', 80],
  ['冰心舞台（文化广场）', '广场', 400],
  ['老年之家', '老年之家', 40],
  ['露天影院', '露天影院', 200],
];

const EVENTS: Array<{ title: string; type: CommunityEventType; venue: number; start: string; hours: number; capacity: number | null; status: CommunityEventStatus; seats: number; seatStatus: RegistrationStatus }> = [
  { title: '“庆三八”老少学堂：保护环境 绿色出行', type: 'ELDER_YOUTH_CLASS', venue: 0, start: '2026-03-07T09:00:00+08:00', hours: 3, capacity: 120, status: 'COMPLETED', seats: 101, seatStatus: 'ATTENDED' },
  { title: '“我们热爱党、与特区共成长”暑期夏令营', type: 'SUMMER_CAMP', venue: 0, start: '2026-07-13T08:30:00+08:00', hours: 8, capacity: 30, status: 'COMPLETED', seats: 30, seatStatus: 'ATTENDED' },
  { title: '十一月邻里文艺晚会', type: 'GALA', venue: 1, start: '2026-11-28T19:30:00+08:00', hours: 2, capacity: 300, status: 'OPEN', seats: 60, seatStatus: 'CONFIRMED' },
  { title: '十二月迎新年文艺晚会', type: 'GALA', venue: 1, start: '2026-12-26T19:30:00+08:00', hours: 2, capacity: 300, status: 'OPEN', seats: 40, seatStatus: 'CONFIRMED' },
  { title: '老年人防诈骗安全讲座', type: 'LECTURE', venue: 2, start: '2026-12-05T15:00:00+08:00', hours: 1.5, capacity: 40, status: 'OPEN', seats: 18, seatStatus: 'CONFIRMED' },
];

/** Venues from the facility ledger and a handful of activities with registrations from demo residents. */
export async function seedEventsDemo({ orm, logger }: ServiceDependencies): Promise<void> {
  if ((await orm.em.fork().count(Venue, {})) > 0) return;
  const data = demoDataset();
  const communityId = data.community.code;
  const random = new SeededRandom('events-demo');
  await orm.em.fork().transactional(async (em) => {
    const venues = VENUES.map(([name, kind, capacity], i) => em.create(Venue, { id: demoId('venue', i), communityId, name, kind, capacity }));
    let registrationIndex = 0;
    for (const [i, spec] of EVENTS.entries()) {
      const startsAt = new Date(spec.start);
      const event = em.create(CommunityEvent, {
        id: demoId('community-event', i),
        communityId,
        title: spec.title,
        type: spec.type,
        venue: venues[spec.venue]!,
        startsAt,
        endsAt: new Date(startsAt.getTime() + spec.hours * 3_600_000),
        capacity: spec.capacity,
        status: spec.status,
      });
      for (const resident of random.shuffle(data.residents).slice(0, spec.seats)) {
        em.create(Registration, {
          id: demoId('registration', registrationIndex++),
          communityId,
          event,
          residentId: resident.id,
          status: spec.seatStatus,
          registeredAt: new Date(startsAt.getTime() - random.int(1, 14) * 86_400_000),
        });
      }
    }
  });
  logger.info('demo venues and activities loaded');
}
