import {
  addDays,
  ageOn,
  communityDay,
  VolunteerHoursRecorded,
  type CommunityEventStatus,
  type CommunityEventType,
  type Department,
  type RegistrationStatus,
} from '@shequ/contracts';
import { eventSink, type EventSink } from '@shequ/messaging';
import {
  DEMO_REFERENCE_DATE,
  demoDataset,
  demoEventYear,
  demoId,
  SeededRandom,
  type DemoResident,
} from '@shequ/demo-data';
import { seedReferenceProjection, type DemoSeedDependencies } from '@shequ/subgraph';
import type { EntityManager } from '@mikro-orm/core';
import { rebuildRollup } from '@shequ/database';
import { eventAttendanceRollup, eventRegistrationRollup } from '../application/event-statistics-rollup.js';
import { ageFits } from '../domain/audience-rule.js';
import { checkProgrammeFits } from '../domain/gala-plan.js';
import { checkRehearsalHistory, checkStartNotBeforePlanning, statusForSeats } from '../domain/event-lifecycle.js';
import { checkTeamAwardedOn, checkTeamFoundedOn, checkTeamJoinedOn } from '../domain/team-dates.js';
import type { EventAudience, OrganiserKind, TeamKind, VenueKind } from '../domain/vocabularies.js';
import {
  CommunityEvent,
  EventSponsor,
  ProgrammeItem,
  Registration,
  GridCode,
  ResidentProfile,
  Team,
  TeamAward,
  TeamMember,
  Venue,
  VolunteerService,
  VolunteerShift,
} from '../entities/index.js';

/** The demo community's facility ledger (文体设施资源台账); indexes 0–3 keep their ids from the first seed. */
const VENUES: Array<{ name: string; kind: VenueKind; capacity: number; hours: string; owner?: number }> = [
  { name: '社区多功能活动室', kind: 'ACTIVITY_ROOM', capacity: 120, hours: '每日 08:00–21:00' },
  { name: '冰心舞台（文化广场）', kind: 'SQUARE', capacity: 400, hours: '全天开放' },
  { name: '老年之家', kind: 'ELDERLY_HOME', capacity: 40, hours: '每日 08:30–17:30', owner: 7 },
  { name: '露天影院', kind: 'OPEN_AIR_CINEMA', capacity: 200, hours: '周五、周六 19:00–22:00' },
  { name: '演练室', kind: 'REHEARSAL_ROOM', capacity: 40, hours: '每日 14:00–21:00' },
  { name: '文藻书院', kind: 'READING_ROOM', capacity: 40, hours: '周二至周日 09:00–20:00' },
  { name: '休闲健身广场', kind: 'FITNESS_AREA', capacity: 150, hours: '全天开放' },
  {
    name: '图书馆嘉莲分馆多功能厅',
    kind: 'READING_ROOM',
    capacity: 60,
    hours: '周二至周日 09:00–17:00（共建开放）',
    owner: 15,
  },
  { name: '嘉莲小学礼堂', kind: 'SCHOOL_HALL', capacity: 300, hours: '寒暑假及周末（共建开放）', owner: 2 },
  { name: '五缘湾湿地公园集合点', kind: 'OUTDOOR_SITE', capacity: 200, hours: '全天开放' },
  { name: '社区党员活动室', kind: 'ACTIVITY_ROOM', capacity: 50, hours: '工作日 08:30–17:30' },
  { name: '社区服务中心二楼会议室', kind: 'ACTIVITY_ROOM', capacity: 60, hours: '工作日 08:30–17:30' },
];

/**
 * Organizations of the residents service by demo index (@shequ/demo-data organisations: 2 嘉莲小学, 7 莲秀社区老年之家,
 * 10–17 共建单位, 15 图书馆嘉莲分馆, 18 阳光爱心基金会).
 */
const ORG = (n: number) => demoId('organization', n);

const TEAMS: Array<{
  name: string;
  kind: TeamKind;
  parent?: number;
  members: number;
  registration: 'UNREGISTERED' | 'FILED' | 'REGISTERED';
  founded: string;
}> = [
  { name: '冰心艺术团', kind: 'ART_TROUPE', members: 0, registration: 'REGISTERED', founded: '2011-05-04' },
  { name: '秧歌队', kind: 'YANGGE', parent: 0, members: 24, registration: 'FILED', founded: '2011-06-01' },
  { name: '腰鼓队', kind: 'WAIST_DRUM', parent: 0, members: 18, registration: 'FILED', founded: '2011-06-01' },
  { name: '健身舞蹈队', kind: 'DANCE', parent: 0, members: 30, registration: 'FILED', founded: '2012-03-08' },
  { name: '老年合唱队', kind: 'CHOIR', parent: 0, members: 26, registration: 'FILED', founded: '2013-09-09' },
  { name: '党员志愿服务队', kind: 'VOLUNTEER', members: 40, registration: 'FILED', founded: '2010-07-01' },
];

interface EventSpec {
  title: string;
  type: CommunityEventType;
  venue: number | null;
  start: string;
  hours: number;
  capacity: number | null;
  audience: EventAudience;
  organiser: [OrganiserKind, number | string];
  /** How many residents registered, and how many of them came (completed events). */
  seats: number;
  attended?: number;
  rehearsalFor?: number;
}

const MONTHS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const GALA_THEMES = [
  '新春联欢',
  '元宵喜乐会',
  '巾帼风采',
  '春之声',
  '劳动者之歌',
  '童心向党',
  '党的生日颂歌',
  '军民鱼水情',
  '金秋邻里节',
  '国庆欢歌',
  '邻里文艺晚会',
  '迎新年文艺晚会',
];
/** A year of activities in the spirit of the reference plans. Indexes 0–4 keep their ids from the first seed. */
function eventSpecs(today: string): EventSpec[] {
  const date = (month: number, day: number, time: string) =>
    `${demoEventYear(month, today)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}:00+08:00`;
  const specs: EventSpec[] = [
    {
      title: '“庆三八”老少学堂：保护环境 绿色出行',
      type: 'ELDER_YOUTH_CLASS',
      venue: 9,
      start: date(3, 7, '09:00'),
      hours: 3,
      capacity: 120,
      audience: 'ELDERS_AND_CHILDREN',
      organiser: ['DEPARTMENT', 'PARTY_AFFAIRS'],
      seats: 104,
      attended: 101,
    },
    {
      title: '“我们热爱党、与特区共成长”暑期夏令营',
      type: 'SUMMER_CAMP',
      venue: 8,
      start: date(7, 13, '08:30'),
      hours: 8,
      capacity: 30,
      audience: 'CHILDREN',
      organiser: ['ORGANIZATION', ORG(18)],
      seats: 30,
      attended: 29,
    },
    {
      title: '十一月邻里文艺晚会',
      type: 'GALA',
      venue: 1,
      start: date(11, 28, '19:30'),
      hours: 2,
      capacity: 300,
      audience: 'ALL',
      organiser: ['TEAM', 0],
      seats: 60,
    },
    {
      title: '十二月迎新年文艺晚会',
      type: 'GALA',
      venue: 1,
      start: date(12, 26, '19:30'),
      hours: 2,
      capacity: 300,
      audience: 'ALL',
      organiser: ['TEAM', 0],
      seats: 40,
    },
    {
      title: '老年人防诈骗安全讲座',
      type: 'LECTURE',
      venue: 2,
      start: date(12, 5, '15:00'),
      hours: 1.5,
      capacity: 40,
      audience: 'ELDERLY',
      organiser: ['DEPARTMENT', 'COMPREHENSIVE_GOVERNANCE'],
      seats: 18,
    },
  ];
  // 每月一台晚会: January–October held, each with a rehearsal in the rehearsal room the week before.
  for (let m = 1; m <= 10; m++) {
    const index = specs.length;
    specs.push({
      title: `${MONTHS[m - 1]}月${GALA_THEMES[m - 1]}晚会`,
      type: 'GALA',
      venue: m === 7 || m === 8 ? 3 : 1,
      start: date(m, 20, '19:30'),
      hours: 2,
      capacity: m === 7 || m === 8 ? 200 : 300, // the open-air cinema seats 200
      audience: 'ALL',
      organiser: ['TEAM', 0],
      seats: 120 + m * 8,
      attended: 110 + m * 7,
    });
    specs.push({
      title: `${MONTHS[m - 1]}月晚会彩排`,
      type: 'REHEARSAL',
      venue: 4,
      start: date(m, 13, '15:00'),
      hours: 2,
      capacity: null,
      audience: 'ALL',
      organiser: ['TEAM', 0],
      seats: 0,
      rehearsalFor: index,
    });
  }
  specs.push({
    title: '十一月晚会彩排',
    type: 'REHEARSAL',
    venue: 4,
    start: date(11, 21, '15:00'),
    hours: 2,
    capacity: null,
    audience: 'ALL',
    organiser: ['TEAM', 0],
    seats: 0,
    rehearsalFor: 2,
  });
  specs.push({
    title: '十二月晚会彩排',
    type: 'REHEARSAL',
    venue: 4,
    start: date(12, 19, '15:00'),
    hours: 2,
    capacity: null,
    audience: 'ALL',
    organiser: ['TEAM', 0],
    seats: 0,
    rehearsalFor: 3,
  });
  // 老少学堂: about ten sessions a year.
  const classes = [
    '元宵佳节 老少同乐',
    '洁净家园',
    '党史故事会',
    '传统手工：剪纸',
    '防溺水安全教育',
    '书法体验',
    '中秋诗会',
    '重阳敬老',
    '我和社区共成长',
  ];
  const classMonths = [2, 4, 5, 5, 6, 8, 9, 10, 11];
  classes.forEach((title, i) =>
    specs.push({
      title: `老少学堂：${title}`,
      type: 'ELDER_YOUTH_CLASS',
      venue: i % 2 ? 5 : 0,
      start: date(classMonths[i], 9 + (i % 3), '09:30'),
      hours: 2,
      capacity: 40,
      audience: 'ELDERS_AND_CHILDREN',
      organiser: ['DEPARTMENT', 'PARTY_AFFAIRS'],
      seats: 32 + (i % 4) * 2,
      attended: classMonths[i] < 11 ? 30 + (i % 3) : undefined,
    }),
  );
  // Lectures and training.
  const lectures: Array<[string, number, number, EventAudience, Department]> = [
    ['健康讲座：高血压的防治', 3, 2, 'ELDERLY', 'SOCIAL_SECURITY'],
    ['“男性健康”宣传讲座', 4, 11, 'ADULTS', 'FAMILY_PLANNING'],
    ['消防安全知识讲座', 6, 3, 'ALL', 'COMPREHENSIVE_GOVERNANCE'],
    ['家庭教育讲座', 9, 5, 'ADULTS', 'FAMILY_PLANNING'],
    ['智能手机使用培训', 10, 0, 'ELDERLY', 'CULTURE'],
  ];
  lectures.forEach(([title, month, venue, audience, dept]) => {
    // 名额 never above what the room holds
    const capacity = Math.min(60, VENUES[venue].capacity);
    specs.push({
      title,
      type: title.includes('培训') ? 'TRAINING' : 'LECTURE',
      venue,
      start: date(month, 17, '15:00'),
      hours: 1.5,
      capacity,
      audience,
      organiser: ['DEPARTMENT', dept],
      seats: Math.min(45, capacity - 4),
      attended: Math.min(40, capacity - 8),
    });
  });
  // 志愿服务日: every second month, 党员志愿者 on the streets; 党日活动 in the party room.
  for (let m = 1; m <= 11; m += 2) {
    specs.push({
      title: `${MONTHS[m - 1]}月志愿服务日：环境整治与义诊量血压`,
      type: 'VOLUNTEER_SERVICE',
      venue: 6,
      start: date(m, 5, '08:30'),
      hours: 3,
      capacity: 50,
      audience: 'ADULTS',
      organiser: ['TEAM', 5],
      seats: m < 11 ? 36 : 20,
      attended: m < 11 ? 34 : undefined,
    });
  }
  specs.push({
    title: '“七一”主题党日活动',
    type: 'PARTY_DAY',
    venue: 10,
    start: date(7, 1, '09:00'),
    hours: 2,
    capacity: 50,
    audience: 'ADULTS',
    organiser: ['DEPARTMENT', 'PARTY_AFFAIRS'],
    seats: 42,
    attended: 40,
  });
  specs.push({
    title: '夏夜露天电影：《我和我的祖国》',
    type: 'SPORTS',
    venue: 3,
    start: date(8, 14, '19:30'),
    hours: 2.5,
    capacity: 200,
    audience: 'ALL',
    organiser: ['DEPARTMENT', 'CULTURE'],
    seats: 150,
    attended: 138,
  });
  specs.push({
    title: '社区健身舞大赛',
    type: 'SPORTS',
    venue: 6,
    start: date(9, 26, '15:00'),
    hours: 3,
    capacity: 150,
    audience: 'ALL',
    organiser: ['TEAM', 3],
    seats: 90,
    attended: 84,
  });
  specs.push({
    title: '阳光爱心基金“爱心伴我成长”助学座谈',
    type: 'LECTURE',
    venue: 7,
    start: date(8, 29, '10:00'),
    hours: 2,
    capacity: 60,
    audience: 'CHILDREN',
    organiser: ['ORGANIZATION', ORG(18)],
    seats: 30,
    attended: 30,
  });
  return specs;
}

/** Whom the demo picks for teams and volunteers is decided on the demo's reference date (stable whenever seeded). */
const DEMO_NOW = DEMO_REFERENCE_DATE;

/** Events that have ended are completed, one under way is ongoing, later ones are open for registration. */
function statusOf(spec: EventSpec, startsAt: Date, endsAt: Date, now: Date): CommunityEventStatus {
  if (endsAt <= now) return 'COMPLETED';
  if (startsAt <= now) return 'ONGOING';
  return spec.type === 'REHEARSAL' ? 'PLANNED' : 'OPEN';
}

/**
 * Venues, the art troupe and its teams, a year of activities with registrations and attendance, volunteer
 * hours and the resident projection (birth dates), all from @shequ/demo-data so ids agree across services.
 */
export async function seedEventsDemo({ orm, outbox, logger, clock }: DemoSeedDependencies): Promise<void> {
  if ((await orm.em.fork().count(Venue, {})) > 0) return;
  const now = clock.now();
  const today = communityDay(now);
  const data = demoDataset();
  // The references every write checks: the demo's people, places and organisations, as residents' events state them.
  await seedReferenceProjection(orm.em.fork(), data);
  const communityId = data.community.code;
  const random = new SeededRandom('events-demo');
  const alive = data.residents;
  const gridOfBuilding = new Map(data.buildings.map((b) => [b.id, b.gridId]));
  const gridOfHousehold = new Map(data.households.map((h) => [h.id, gridOfBuilding.get(h.buildingId)]));
  await orm.em.fork().transactional(async (em) => {
    const registrations: Array<Record<string, unknown>> = [];
    const venues = VENUES.map((v, i) =>
      em.create(Venue, {
        id: demoId('venue', i),
        communityId,
        name: v.name,
        kind: v.kind,
        capacity: v.capacity,
        openingHours: v.hours,
        ownerOrganizationId: v.owner === undefined ? null : ORG(v.owner),
        photoUrls: [
          `https://files.shequ.example/venues/${i + 1}/front.jpg`,
          `https://files.shequ.example/venues/${i + 1}/inside.jpg`,
        ],
      }),
    );
    const teams = seedTeams(em, communityId, random, alive, today);
    const specs = eventSpecs(today);
    const events: CommunityEvent[] = [];
    let registrationIndex = 0;
    for (const [i, spec] of specs.entries()) {
      const startsAt = new Date(spec.start);
      const endsAt = new Date(startsAt.getTime() + spec.hours * 3_600_000);
      const [kind, who] = spec.organiser;
      // the API's rule for the start (planned ahead), as history
      const plannedAt = plannedBefore(startsAt, now);
      checkStartNotBeforePlanning(startsAt, plannedAt);
      const event = em.create(CommunityEvent, {
        id: demoId('community-event', i),
        communityId,
        title: spec.title,
        type: spec.type,
        venue: spec.venue === null ? null : venues[spec.venue],
        startsAt,
        endsAt,
        capacity: spec.capacity,
        status: statusOf(spec, startsAt, endsAt, now),
        audience: spec.audience,
        organiserKind: kind,
        organiserDepartment: kind === 'DEPARTMENT' ? (who as Department) : null,
        organiserTeamId: kind === 'TEAM' ? teams[who as number].id : null,
        organiserOrganizationId: kind === 'ORGANIZATION' ? (who as string) : null,
        rehearsalForId: spec.rehearsalFor === undefined ? null : events[spec.rehearsalFor].id,
        plannedAt,
      });
      // the API's rule for a rehearsal (its gala not over when it was planned), as history
      if (spec.rehearsalFor !== undefined) checkRehearsalHistory(event, events[spec.rehearsalFor]);
      events.push(event);
      const day = communityDay(startsAt);
      const eligible = alive.filter(
        (r) =>
          ageFits(spec.audience, ageOn(r.birthDate, day)) &&
          (spec.type !== 'SUMMER_CAMP' || r.residenceType === 'FLOATING'),
      );
      // registered at the earliest two weeks before the start, or three days before now: born by then (the API
      // registers residents, not people still to be born); the same shuffle, so the rest of the demo stays as it was
      const bornBy = communityDay(
        new Date(Math.min(startsAt.getTime() - 14 * 86_400_000, now.getTime() - 72 * 3_600_000)),
      );
      const chosen = random
        .shuffle(eligible)
        .filter((r) => r.birthDate <= bornBy)
        .slice(0, spec.seats);
      // an event still to come whose seats are all taken is full, as its registrations would have left it
      event.status = statusForSeats(event.status, event.capacity, chosen.length);
      const completed = event.status === 'COMPLETED';
      // A held event whose plan gave no head count: most of those registered came.
      const attended = spec.attended ?? Math.round(spec.seats * 0.9);
      chosen.forEach((resident, n) => {
        const status: RegistrationStatus = !completed ? 'CONFIRMED' : n < attended ? 'ATTENDED' : 'NO_SHOW';
        const registeredAt = Math.min(
          startsAt.getTime() - random.int(1, 14) * 86_400_000,
          now.getTime() - random.int(1, 72) * 3_600_000,
        );
        registrations.push({
          id: demoId('registration', registrationIndex++),
          communityId,
          event: event.id,
          residentId: resident.id,
          status,
          registeredAt: new Date(registeredAt),
          attendedAt: status === 'ATTENDED' ? startsAt : null,
          cancelledAt: null,
          cancelReason: null,
        });
      });
      if (spec.type === 'GALA') seedProgramme(em, communityId, event, teams, i);
    }
    const events$ = eventSink(outbox, em, {
      communityId,
      actor: { kind: 'system', id: 'events:demo-seed' },
      correlationId: 'demo-seed',
    });
    seedVolunteerHours(em, events$, communityId, random, events, alive);
    await em.flush();
    // Bulk rows straight to the database: thousands of them, no change tracking needed.
    await insertInChunks(
      em,
      ResidentProfile,
      alive.map((r) => ({
        residentId: r.id,
        communityId,
        birthDate: r.birthDate,
        gridId: gridOfHousehold.get(r.householdId) ?? null,
        diedOn: null,
        movedOutOn: null,
      })),
    );
    await em.insertMany(
      GridCode,
      data.grids.map((g) => ({ gridId: g.id, communityId, code: g.code })),
    );
    await insertInChunks(em, Registration, registrations);
    // the bulk rows bypassed the unit of work: the per-event registration counts from scratch
    await rebuildRollup(em, eventRegistrationRollup, em.getTransactionContext());
    await rebuildRollup(em, eventAttendanceRollup, em.getTransactionContext());
  });
  logger.info('demo venues, teams, a year of activities and volunteer hours loaded');
}

async function insertInChunks(
  em: EntityManager,
  entity: typeof ResidentProfile | typeof Registration,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await em.insertMany(entity, rows.slice(i, i + 500) as never[]);
}

function seedTeams(
  em: EntityManager,
  communityId: string,
  random: SeededRandom,
  residents: DemoResident[],
  today: string,
): Team[] {
  const seniors = random.shuffle(
    residents.filter((r) => ageOn(r.birthDate, DEMO_NOW) >= 50 && ageOn(r.birthDate, DEMO_NOW) <= 78),
  );
  let next = 0;
  const teams: Team[] = [];
  TEAMS.forEach((spec, i) => {
    // the API's rules on a team's dates (history, not after today; members join after the founding)
    checkTeamFoundedOn(spec.founded, today);
    const team = em.create(Team, {
      id: demoId('team', i),
      communityId,
      name: spec.name,
      kind: spec.kind,
      parent: spec.parent === undefined ? null : teams[spec.parent],
      registrationStatus: spec.registration,
      foundedOn: spec.founded,
    });
    teams.push(team);
    const members = seniors.slice(next, next + spec.members);
    next += spec.members;
    members.forEach((r, n) => {
      checkTeamJoinedOn(spec.founded, team, today);
      em.create(TeamMember, {
        id: demoId('team-member', i * 100 + n),
        communityId,
        team,
        residentId: r.id,
        joinedOn: spec.founded,
      });
    });
    if (members[0]) team.leaderResidentId = members[0].id;
  });
  award(em, today, {
    id: demoId('team-award', 0),
    communityId,
    team: teams[0],
    title: '思明区社区文艺汇演一等奖',
    awardedBy: '思明区文化馆',
    awardedOn: addDays(today, -385),
  });
  award(em, today, {
    id: demoId('team-award', 1),
    communityId,
    team: teams[2],
    title: '厦门市广场腰鼓展演优秀团队',
    awardedBy: '厦门市群众艺术馆',
    awardedOn: addDays(today, -167),
  });
  award(em, today, {
    id: demoId('team-award', 2),
    communityId,
    team: teams[5],
    title: '“五老”志愿者服务先进单位',
    awardedBy: '思明区关工委',
    awardedOn: addDays(today, -241),
  });
  return teams;
}

/** An award, checked by the API's rule on its date (not after today, not before the team's founding). */
function award(
  em: EntityManager,
  today: string,
  data: { id: string; communityId: string; team: Team; title: string; awardedBy: string; awardedOn: string },
): void {
  checkTeamAwardedOn(data.awardedOn, data.team, today);
  em.create(TeamAward, data);
}

const PROGRAMME: Array<[string, string, number | null, number]> = [
  ['开场舞《红红火火》', '秧歌', 1, 6],
  ['腰鼓《鼓舞飞扬》', '腰鼓', 2, 8],
  ['健身舞《最炫民族风》', '舞蹈', 3, 6],
  ['合唱《没有共产党就没有新中国》', '合唱', 4, 8],
  ['小品《邻里一家亲》', '小品', null, 12],
  ['少儿朗诵《我爱我的家》', '朗诵', null, 5],
];

function seedProgramme(
  em: EntityManager,
  communityId: string,
  event: CommunityEvent,
  teams: Team[],
  index: number,
): void {
  // the API's rule: the programme fits in the gala
  checkProgrammeFits(
    PROGRAMME.reduce((sum, [, , , minutes]) => sum + minutes, 0),
    event,
    'durationMinutes',
  );
  PROGRAMME.forEach(([title, form, team, minutes], position) =>
    em.create(ProgrammeItem, {
      id: demoId('programme-item', index * 10 + position),
      communityId,
      event,
      position: position + 1,
      title,
      form,
      team: team === null ? null : teams[team],
      performers: team === null ? (form === '朗诵' ? '社区少儿 8 人' : '社区居民 4 人') : null,
      durationMinutes: minutes,
    }),
  );
  em.create(EventSponsor, {
    id: demoId('event-sponsor', index),
    communityId,
    event,
    organizationId: ORG(10 + (index % 8)),
    contribution: index % 2 ? '奖品与茶水' : '演出音响设备',
    amountFen: index % 2 ? 200_000 : null,
  });
}

/**
 * When a seeded activity was planned: a month before its start, and at the latest a month before now (before anyone
 * registered: registrations are at most two weeks before the start or three days before now).
 */
export function plannedBefore(startsAt: Date, now: Date): Date {
  return new Date(Math.min(startsAt.getTime(), now.getTime()) - 30 * 86_400_000);
}

/** Volunteer days and galas: shifts with hours, published as volunteer_hours.recorded (party-building credits members). */
function seedVolunteerHours(
  em: EntityManager,
  sink: EventSink,
  communityId: string,
  random: SeededRandom,
  events: CommunityEvent[],
  residents: DemoResident[],
): void {
  const volunteers = random
    .shuffle(residents.filter((r) => ageOn(r.birthDate, DEMO_NOW) >= 18 && ageOn(r.birthDate, DEMO_NOW) <= 75))
    .slice(0, 60);
  let shiftIndex = 0;
  let serviceIndex = 0;
  for (const event of events) {
    if (event.status !== 'COMPLETED' || (event.type !== 'VOLUNTEER_SERVICE' && event.type !== 'GALA')) continue;
    const roles = event.type === 'GALA' ? ['秩序维护', '后台服务'] : ['环境清扫', '义诊量血压'];
    for (const role of roles) {
      const shift = em.create(VolunteerShift, {
        id: demoId('volunteer-shift', shiftIndex++),
        communityId,
        event,
        role,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        // arranged with the event
        plannedAt: event.plannedAt,
      });
      const minutes = Math.round((event.endsAt.getTime() - event.startsAt.getTime()) / 60_000);
      const servedOn = communityDay(event.startsAt);
      for (const volunteer of random.shuffle(volunteers).slice(0, random.int(4, 8))) {
        em.create(VolunteerService, {
          id: demoId('volunteer-service', serviceIndex++),
          communityId,
          shift,
          residentId: volunteer.id,
          minutes,
          servedOn,
          recordedAt: event.endsAt,
        });
        sink.record(
          VolunteerHoursRecorded,
          { shiftId: shift.id, eventId: event.id, residentId: volunteer.id, minutes, servedOn },
          { occurredAt: event.endsAt },
        );
      }
    }
  }
}
