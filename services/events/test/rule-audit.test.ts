import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Orm } from '@shequ/database';
import { districtCommunities } from '@shequ/demo-data';
import { BulkInsert, GenerationProgress, ReferenceProjection } from '@shequ/subgraph';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { eventsRuleViolations } from '../src/application/rule-audit.js';
import {
  CommunityEvent,
  EventSponsor,
  ProgrammeItem,
  Registration,
  ResidentProfile,
  Team,
  TeamMember,
  Venue,
  VolunteerService,
  VolunteerShift,
} from '../src/entities/index.js';
import { eventsDistrictWriter } from '../src/seeds/district-seed.js';
import { eventsService } from '../src/service.js';

/*
 * The events rule audit (`eventsRuleViolations`): silent over rows that keep every rule, and naming each family of
 * breach — an event's state and time, seats and the waitlist, the audience, check-in, the venue booked twice, a
 * rehearsal, the programme, sponsors, a team's leader, volunteer hours, a departed resident's place — when a row
 * written past the API breaks it. Then the district generator's densest communities (more activities than days).
 */
const TODAY = '2026-12-02';
const C = '350203999001';
const at = (local: string) => new Date(`${local}:00+08:00`);

const open = (dialect: 'sqlite' | 'postgresql') =>
  openDatabase({
    location: testDatabaseLocation(dialect, 'events_audit'),
    entities: eventsService.entities,
    migrations: eventsService.migrations,
  });

describe.each(testDialects())('the events rule audit on %s', (dialect) => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await open(dialect);
    const em = orm.em.fork();
    const sourceOccurredAt = at('2026-01-01T00:00');
    const people: Array<[string, string, string]> = [
      ['r-adult', '1980-03-01', 'ACTIVE'],
      ['r-old', '1950-03-01', 'ACTIVE'],
      ['r-child', '2016-05-01', 'ACTIVE'],
      ['r-gone', '1970-03-01', 'MOVED_OUT'],
    ];
    for (const [id, birthDate, status] of people) {
      em.create(ReferenceProjection, { kind: 'RESIDENT', id, communityId: C, birthDate, status, sourceOccurredAt });
      em.create(ResidentProfile, {
        residentId: id,
        communityId: C,
        birthDate,
        movedOutOn: status === 'MOVED_OUT' ? '2026-06-01' : null,
      });
    }
    em.create(ReferenceProjection, { kind: 'ORGANIZATION', id: 'org-1', communityId: C, sourceOccurredAt });
    const venue = em.create(Venue, { id: 'v-1', communityId: C, name: '活动室', kind: 'ACTIVITY_ROOM', capacity: 50 });
    const team = em.create(Team, {
      id: 't-1',
      communityId: C,
      name: '合唱队',
      kind: 'CHOIR',
      leaderResidentId: 'r-adult',
    });
    em.create(TeamMember, { id: 'tm-1', communityId: C, team, residentId: 'r-adult', joinedOn: '2020-01-01' });
    // a lecture for the elderly held last month, attended, with volunteers; a gala with its programme and a sponsor
    const lecture = em.create(CommunityEvent, {
      id: 'e-done',
      communityId: C,
      title: '防诈骗讲座',
      type: 'LECTURE',
      venue,
      startsAt: at('2026-11-01T10:00'),
      endsAt: at('2026-11-01T12:00'),
      capacity: 10,
      status: 'COMPLETED',
      audience: 'ELDERLY',
      plannedAt: at('2026-10-10T09:00'),
    });
    em.create(Registration, {
      id: 'g-ok',
      communityId: C,
      event: lecture,
      residentId: 'r-old',
      status: 'ATTENDED',
      registeredAt: at('2026-10-20T09:00'),
      attendedAt: at('2026-11-01T10:00'),
    });
    const shift = em.create(VolunteerShift, {
      id: 's-1',
      communityId: C,
      event: lecture,
      role: '秩序维护',
      startsAt: lecture.startsAt,
      endsAt: lecture.endsAt,
      plannedAt: at('2026-10-10T09:00'),
    });
    em.create(VolunteerService, {
      id: 'h-ok',
      communityId: C,
      shift,
      residentId: 'r-adult',
      minutes: 120,
      servedOn: '2026-11-01',
      recordedAt: lecture.endsAt,
    });
    const gala = em.create(CommunityEvent, {
      id: 'e-gala',
      communityId: C,
      title: '十月晚会',
      type: 'GALA',
      startsAt: at('2026-10-20T19:30'),
      endsAt: at('2026-10-20T21:30'),
      status: 'COMPLETED',
      organiserKind: 'TEAM',
      organiserDepartment: null,
      organiserTeamId: team.id,
    });
    em.create(ProgrammeItem, {
      id: 'p-ok',
      communityId: C,
      event: gala,
      position: 1,
      title: '合唱',
      form: '合唱',
      team,
      durationMinutes: 8,
    });
    em.create(EventSponsor, {
      id: 'sp-ok',
      communityId: C,
      event: gala,
      organizationId: 'org-1',
      contribution: '茶水',
    });
    await em.flush();
  });
  afterAll(() => orm?.close(true));

  it('finds nothing where every rule holds', async () => {
    expect(await eventsRuleViolations(orm.em.fork(), TODAY)).toEqual([]);
  });

  it('names each family of breach, on the row that breaks it', async () => {
    const em = orm.em.fork();
    const venue = em.getReference(Venue, 'v-1', { wrapped: true });
    const event = (id: string, data: Partial<CommunityEvent> & { startsAt: Date }) =>
      em.create(CommunityEvent, {
        id,
        communityId: C,
        title: id,
        type: 'LECTURE',
        endsAt: new Date(data.startsAt.getTime() + 2 * 3_600_000),
        status: 'OPEN',
        ...data,
      });
    const register = (id: string, eventId: string, residentId: string, status: Registration['status']) =>
      em.create(Registration, {
        id,
        communityId: C,
        event: em.getReference(CommunityEvent, eventId),
        residentId,
        status,
        registeredAt: at('2026-11-20T09:00'),
        attendedAt: status === 'ATTENDED' ? at('2026-11-20T10:00') : null,
      });
    // started weeks before its day
    event('e-early', { status: 'ONGOING', startsAt: at('2026-12-20T10:00') });
    // two confirmed for one seat, still OPEN
    event('e-over', { capacity: 1, startsAt: at('2026-12-10T10:00') });
    register('g-over-1', 'e-over', 'r-adult', 'CONFIRMED');
    register('g-over-2', 'e-over', 'r-old', 'CONFIRMED');
    // a waitlist while seats are free
    event('e-wait', { capacity: 5, startsAt: at('2026-12-11T10:00') });
    register('g-wait', 'e-wait', 'r-adult', 'WAITLISTED');
    // an adult at a children's event
    event('e-kids', { audience: 'CHILDREN', startsAt: at('2026-12-12T10:00') });
    register('g-kids', 'e-kids', 'r-adult', 'CONFIRMED');
    // checked in at an event not under way; a resident who moved away still holding a place to come
    event('e-all', { startsAt: at('2026-12-13T10:00') });
    register('g-early-check-in', 'e-all', 'r-old', 'ATTENDED');
    register('g-gone', 'e-all', 'r-gone', 'CONFIRMED');
    // a cancelled event keeping a confirmed place; one resident registered twice
    event('e-cancelled', { status: 'CANCELLED', cancelReason: '台风', startsAt: at('2026-12-15T10:00') });
    register('g-after-cancel', 'e-cancelled', 'r-adult', 'CONFIRMED');
    event('e-twice', { startsAt: at('2026-12-16T10:00') });
    register('g-twice-1', 'e-twice', 'r-old', 'CONFIRMED');
    register('g-twice-2', 'e-twice', 'r-old', 'WAITLISTED');
    // the venue booked twice at once
    event('e-room-a', { venue, startsAt: at('2026-12-14T10:00') });
    event('e-room-b', { venue, startsAt: at('2026-12-14T11:00') });
    // a rehearsal of a lecture
    event('e-rehearsal', { type: 'REHEARSAL', rehearsalForId: 'e-done', startsAt: at('2026-10-25T10:00') });
    // a programme for a lecture, a sponsor residents does not know
    const lecture = em.getReference(CommunityEvent, 'e-done');
    em.create(ProgrammeItem, {
      id: 'p-lecture',
      communityId: C,
      event: lecture,
      position: 1,
      title: '独唱',
      form: '独唱',
      durationMinutes: 5,
    });
    em.create(EventSponsor, {
      id: 'sp-unknown',
      communityId: C,
      event: lecture,
      organizationId: 'org-x',
      contribution: '奖品',
    });
    // planned (or arranged) after its start: an event and a shift put in the past when they were planned
    event('e-planned-late', {
      status: 'COMPLETED',
      startsAt: at('2026-11-10T10:00'),
      plannedAt: at('2026-11-12T09:00'),
    });
    em.create(VolunteerShift, {
      id: 's-late',
      communityId: C,
      role: '环境清扫',
      startsAt: at('2026-11-05T08:00'),
      endsAt: at('2026-11-05T10:00'),
      plannedAt: at('2026-11-06T08:00'),
    });
    // a leader who is not a member
    em.create(Team, { id: 't-2', communityId: C, name: '腰鼓队', kind: 'WAIST_DRUM', leaderResidentId: 'r-child' });
    // a member who moved away still in the team, and hours recorded for a day after they left
    em.create(TeamMember, {
      id: 'tm-gone',
      communityId: C,
      team: em.getReference(Team, 't-1'),
      residentId: 'r-gone',
      joinedOn: '2020-01-01',
    });
    em.create(VolunteerService, {
      id: 'h-gone',
      communityId: C,
      shift: em.getReference(VolunteerShift, 's-1'),
      residentId: 'r-gone',
      minutes: 60,
      servedOn: '2026-11-01',
      recordedAt: at('2026-11-01T12:00'),
    });
    // registered, and serving, before the birth residents records (a birth date corrected later, say)
    em.create(ReferenceProjection, {
      kind: 'RESIDENT',
      id: 'r-late',
      communityId: C,
      birthDate: '2026-11-25',
      status: 'ACTIVE',
      sourceOccurredAt: at('2026-01-01T00:00'),
    });
    em.create(ResidentProfile, { residentId: 'r-late', communityId: C, birthDate: '2026-11-25' });
    register('g-unborn', 'e-all', 'r-late', 'CONFIRMED');
    em.create(VolunteerService, {
      id: 'h-unborn',
      communityId: C,
      shift: em.getReference(VolunteerShift, 's-1'),
      residentId: 'r-late',
      minutes: 60,
      servedOn: '2026-11-01',
      recordedAt: at('2026-11-01T12:00'),
    });
    // more minutes than the shift lasts
    em.create(VolunteerService, {
      id: 'h-long',
      communityId: C,
      shift: em.getReference(VolunteerShift, 's-1'),
      residentId: 'r-old',
      minutes: 121,
      servedOn: '2026-11-01',
      recordedAt: at('2026-11-01T12:00'),
    });
    await em.flush();

    const violations = await eventsRuleViolations(orm.em.fork(), TODAY);
    const found = (id: string, words: string) =>
      expect(
        violations.some((v) => v.includes(id) && v.includes(words)),
        `${id} / ${words} in\n${violations.join('\n')}`,
      ).toBe(true);
    found('e-early', '不符合规则「活动当天方可开始」');
    found('e-over', '超过名额 1');
    found('e-over', '状态应为 名额已满');
    found('e-wait', '候补');
    found('g-kids', '不符合规则「活动面向人群的年龄」（residentId）');
    found('g-early-check-in', '报名不能为');
    found('g-gone', '已不在册');
    found('g-after-cancel', '报名不能为');
    found('e-twice', 'r-old 重复报名');
    found('tm-gone', '已不在册');
    found('h-gone', '离开社区');
    found('e-room-b', '不符合规则「场地不重复预订」');
    found('e-rehearsal', '不符合规则「排练与晚会」');
    found('p-lecture', '只有晚会有节目单');
    found('sp-unknown', 'org-x 不存在');
    found('t-2', '队长 r-child 不是团队现有成员');
    found('h-long', '不符合规则「服务时长不超过班次」');
    found('e-planned-late', '不符合规则「活动提前安排」');
    found('s-late', '不符合规则「班次提前安排」');
    found('g-unborn', '报名早于居民出生');
    found('h-unborn', '服务日期早于居民出生');
    // the lines go to reports and logs: a record's id and the rule, never a person's birth date, age or life dates
    // (nor a date that bounds one: the day of a registration before the birth)
    for (const line of violations)
      expect(line).not.toMatch(/1980-03-01|1950-03-01|2016-05-01|1970-03-01|2026-11-25|2026-06-01|2026-11-20|周岁，/);
    // and only those rows: what kept the rules is not named
    for (const id of ['e-done', 'e-gala', 'g-ok', 'h-ok', 'p-ok', 'sp-ok', 't-1', 's-1'])
      expect(violations.filter((v) => v.includes(`${id}:`))).toEqual([]);
  });
});

describe.each(testDialects())('the district generator’s densest community keeps every events rule on %s', (dialect) => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await open(dialect);
  });
  afterAll(() => orm?.close(true));

  it('books no venue twice, even with more activities than days in its year', async () => {
    // one community of 17,000 (思明区 at a million has some of 20,000): 408 activities over 386 days
    const [community] = districtCommunities({ residents: 17_000, communities: 1, seed: '稠密社区' });
    const writer = eventsDistrictWriter({ now: at('2026-11-01T00:00') });
    await orm.em.fork().transactional(async (em) => {
      // what the audit reads (venues, activities, registrations); residents' facts come from the dataset itself
      const out = new BulkInsert(em, new GenerationProgress('events', () => undefined));
      const insert = out.insert.bind(out);
      out.insert = async (entity, rows) => {
        if (entity === Venue || entity === CommunityEvent || entity === Registration) await insert(entity, rows);
      };
      await writer.writeCommunity(community, out);
    });
    const facts = new Map(community.residents.map((r) => [r.id, { birthDate: r.birthDate, status: 'ACTIVE' }]));
    const em = orm.em.fork();
    expect(await em.count(CommunityEvent, {})).toBeGreaterThan(386);
    expect(await eventsRuleViolations(em, '2026-11-01', facts)).toEqual([]);
  }, 120_000);
});
