import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock, missingChineseDescriptions } from '@shequ/subgraph';
import {
  knownReferences,
  pendingSchemaChanges,
  startTestSubgraph,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ResidentProfile } from '../src/entities/index.js';
import { buildEventsSchema } from '../src/graphql/schema.js';
import { eventsService } from '../src/service.js';

const REGISTER = `mutation($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { registration { id status resident { id } event { title status venue { name } } } }
}`;
const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id status title } } }`;
const PUBLISH = `mutation($id: ID!) { publishCommunityEvent(input: { eventId: $id }) { event { status } } }`;
const START = `mutation($id: ID!) { startCommunityEvent(input: { eventId: $id }) { event { status } } }`;
const COMPLETE = `mutation($id: ID!) { completeCommunityEvent(input: { eventId: $id }) { event { status attended } } }`;
const CANCEL_REG = `mutation($id: ID!) { cancelEventRegistration(input: { registrationId: $id }) { registration { status } promoted { id resident { id } status } } }`;
const CHECK_IN = `mutation($id: ID!) { checkInEventRegistration(input: { registrationId: $id }) { registration { status attendedAt } } }`;
const EVENT = `query($id: ID!) { communityEvent(id: $id) { status seatsTaken waitlisted attended } }`;

const COMMUNITY = '350203008006';

describe.each(testDialects())('events subgraph on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  let hall: string;
  let square: string;

  async function ok<T = any>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<T> {
    const result = await service.graphql(query, variables, caller);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  }

  let slot = 0;
  /** Plans and publishes an event on the hall on its own day. */
  async function openEvent(input: Record<string, unknown>): Promise<string> {
    slot += 1;
    const day = String(slot).padStart(2, '0');
    const data = await ok(PLAN, {
      input: {
        title: `活动${slot}`,
        type: 'LECTURE',
        venueId: hall,
        startsAt: `2027-01-${day}T07:00:00Z`,
        endsAt: `2027-01-${day}T09:00:00Z`,
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
        ...input,
      },
    });
    const id = data.planCommunityEvent.event.id;
    await ok(PUBLISH, { id });
    return id;
  }
  /** Starts an event at its planned time (check-in cannot open weeks early), then puts the clock back. */
  async function startOnItsDay(id: string): Promise<void> {
    const { communityEvent } = await ok(`query($id: ID!) { communityEvent(id: $id) { startsAt } }`, { id });
    const today = clock.now();
    clock.set(new Date(communityEvent.startsAt));
    try {
      await ok(START, { id });
    } finally {
      clock.set(today);
    }
  }
  /** Runs `work` with the clock at `instant` (arranging a past shift when it was still ahead), then puts it back. */
  async function asOf<T>(instant: string, work: () => Promise<T>): Promise<T> {
    const today = clock.now();
    clock.set(new Date(instant));
    try {
      return await work();
    } finally {
      clock.set(today);
    }
  }
  const register = async (eventId: string, residentId: string) =>
    (await ok(REGISTER, { input: { eventId, residentId } })).registerForEvent.registration;
  const outbox = async (subject: string) =>
    (await service.orm.em.fork().find(OutboxMessage, { subject: `shequ.events.${subject}` })).map(
      (r) => JSON.parse(r.payload) as EventEnvelope<any>,
    );

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, { dialect, clock });
    await knownReferences(service, [
      ...['elder', 'child', 'adult', 'r1', 'r2', 'r3', 'c2', 'stranger', 'racer-a', 'racer-b', 'v1']
        .concat(Array.from({ length: 8 }, (_, i) => `crowd-${i}`))
        .map((id) => ({ kind: 'RESIDENT' as const, id })),
      { kind: 'ORGANIZATION', id: 'org-1' },
      { kind: 'ORGANIZATION', id: 'org-sponsor' },
    ]);
    const venue = `mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { venue { id name kind capacity owner { id } photoUrls openingHours } } }`;
    const made = await ok(venue, {
      input: {
        name: '社区多功能活动室',
        kind: 'ACTIVITY_ROOM',
        capacity: 80,
        ownerOrganizationId: 'org-1',
        photoUrls: ['https://img.example/hall.jpg'],
        openingHours: '每日 08:00–21:00',
      },
    });
    expect(made.registerVenue.venue).toMatchObject({
      name: '社区多功能活动室',
      kind: 'ACTIVITY_ROOM',
      owner: { id: 'org-1' },
      photoUrls: ['https://img.example/hall.jpg'],
    });
    hall = made.registerVenue.venue.id;
    square = (await ok(venue, { input: { name: '冰心舞台', kind: 'SQUARE', capacity: 400 } })).registerVenue.venue.id;
    const em = service.orm.em.fork();
    em.create(ResidentProfile, { residentId: 'elder', communityId: COMMUNITY, birthDate: '1950-05-01' });
    em.create(ResidentProfile, { residentId: 'child', communityId: COMMUNITY, birthDate: '2016-02-01' });
    em.create(ResidentProfile, { residentId: 'adult', communityId: COMMUNITY, birthDate: '1990-02-01' });
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  it('refuses a bad photo URL in the venue ledger, writing nothing', async () => {
    const bad = await service.graphql(
      `mutation { registerVenue(input: { name: "x", kind: SQUARE, photoUrls: ["ftp://x"] }) { venue { id } } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoUrls.0' });
    expect((await ok(`{ venues(first: 10) { totalCount } }`)).venues.totalCount).toBe(2);
  });

  it('never double-books a venue: CONFLICT names the other event; adjacent slots and other venues are fine', async () => {
    const gala = await ok(PLAN, {
      input: {
        title: '五月邻里晚会',
        type: 'GALA',
        venueId: square,
        startsAt: '2027-05-20T11:30:00Z',
        endsAt: '2027-05-20T13:30:00Z',
        capacity: 300,
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect(gala.planCommunityEvent.event.status).toBe('PLANNED');
    const clash = await service.graphql(PLAN, {
      input: {
        title: '广场舞',
        type: 'SPORTS',
        venueId: square,
        startsAt: '2027-05-20T13:00:00Z',
        endsAt: '2027-05-20T14:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect(clash.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      conflictingEventId: gala.planCommunityEvent.event.id,
      conflictingEventTitle: '五月邻里晚会',
    });
    expect(clash.errors?.[0]?.message).toContain('五月邻里晚会');
    await ok(PLAN, {
      input: {
        title: '广场舞',
        type: 'SPORTS',
        venueId: square,
        startsAt: '2027-05-20T13:30:00Z',
        endsAt: '2027-05-20T14:30:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    await ok(PLAN, {
      input: {
        title: '同时段讲座',
        type: 'LECTURE',
        venueId: hall,
        startsAt: '2027-05-20T12:00:00Z',
        endsAt: '2027-05-20T13:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    const tooBig = await service.graphql(PLAN, {
      input: {
        title: '大讲座',
        type: 'LECTURE',
        venueId: hall,
        startsAt: '2027-06-01T07:00:00Z',
        endsAt: '2027-06-01T08:00:00Z',
        capacity: 81,
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect(tooBig.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
  });

  it('lets only one of two concurrent bookings of the same slot through', async () => {
    const book = (title: string) =>
      service.graphql(PLAN, {
        input: {
          title,
          type: 'TRAINING',
          venueId: square,
          startsAt: '2027-08-08T07:00:00Z',
          endsAt: '2027-08-08T09:00:00Z',
          organiserKind: 'DEPARTMENT',
          organiserDepartment: 'CULTURE',
        },
      });
    const results = await Promise.all([book('书法培训'), book('剪纸培训'), book('茶艺培训')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(2);
  });

  it('refuses to start an event weeks before its time (field named, nothing changed); on its day it starts', async () => {
    const id = await openEvent({ startsAt: '2027-01-15T07:00:00Z', endsAt: '2027-01-15T09:00:00Z' });
    clock.set(new Date('2026-12-01T02:00:00Z')); // 45 days early
    const early = await service.graphql(START, { id });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    expect(early.errors?.[0]?.message).toMatch(/2027\/01\/15 15:00 开始/);
    expect((await ok(`query($id: ID!) { communityEvent(id: $id) { status } }`, { id })).communityEvent.status).toBe(
      'OPEN',
    );
    clock.set(new Date('2027-01-15T05:30:00Z')); // 90 minutes before: check-in may open
    expect((await ok(START, { id })).startCommunityEvent.event.status).toBe('ONGOING');
    clock.set(new Date('2026-12-01T02:00:00Z'));
  });

  it('reschedules before the start under the same booking rules, not after', async () => {
    const moving = await ok(PLAN, {
      input: {
        title: '改期的培训',
        type: 'TRAINING',
        venueId: hall,
        startsAt: '2027-09-01T07:00:00Z',
        endsAt: '2027-09-01T08:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    const id = moving.planCommunityEvent.event.id;
    const RESCHEDULE = `mutation($input: RescheduleCommunityEventInput!) { rescheduleCommunityEvent(input: $input) { event { startsAt venue { name } } } }`;
    const onto = await service.graphql(RESCHEDULE, {
      input: { eventId: id, venueId: square, startsAt: '2027-05-20T12:00:00Z', endsAt: '2027-05-20T12:30:00Z' },
    });
    expect(onto.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', conflictingEventTitle: '五月邻里晚会' });
    const later = await ok(RESCHEDULE, {
      input: { eventId: id, startsAt: '2027-09-01T07:30:00Z', endsAt: '2027-09-01T08:30:00Z' },
    });
    expect(later.rescheduleCommunityEvent.event).toEqual({
      startsAt: '2027-09-01T07:30:00.000Z',
      venue: { name: '社区多功能活动室' },
    });
    await startOnItsDay(id);
    const started = await service.graphql(RESCHEDULE, {
      input: { eventId: id, startsAt: '2027-09-02T07:00:00Z', endsAt: '2027-09-02T08:00:00Z' },
    });
    expect(started.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'ONGOING' });
  });

  it('requires events:write to plan and events:register to sign residents up', async () => {
    const planned = await service.graphql(
      PLAN,
      {
        input: {
          title: '无权限',
          type: 'LECTURE',
          startsAt: '2027-10-01T07:00:00Z',
          endsAt: '2027-10-01T08:00:00Z',
          organiserKind: 'DEPARTMENT',
          organiserDepartment: 'CULTURE',
        },
      },
      { role: 'grid_worker', grids: ['350203008006-01'] },
    );
    expect(planned.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stats = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { eventRegistrations { id } volunteerHours { services } } } }`,
      { reps: [{ __typename: 'Resident', id: 'r1' }] },
      { role: 'analyst' },
    );
    expect(stats.data._entities).toEqual([{ eventRegistrations: [], volunteerHours: null }]);
  });

  it('frees the slot when an event is cancelled, and publishes event.published / event.cancelled', async () => {
    const first = await ok(PLAN, {
      input: {
        title: '被取消的讲座',
        type: 'LECTURE',
        venueId: hall,
        startsAt: '2027-07-01T07:00:00Z',
        endsAt: '2027-07-01T08:00:00Z',
        capacity: 10,
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    const id = first.planCommunityEvent.event.id;
    await ok(PUBLISH, { id });
    const again = await service.graphql(PUBLISH, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toBe('活动当前状态为「报名中」，不能发布（开放报名）'); // the label, never the code
    const reg = await register(id, 'adult');
    const cancelled = await ok(
      `mutation($id: ID!) { cancelCommunityEvent(input: { eventId: $id, reason: "台风预警" }) { event { status cancelReason } } }`,
      { id },
    );
    expect(cancelled.cancelCommunityEvent.event).toEqual({ status: 'CANCELLED', cancelReason: '台风预警' });
    await ok(PLAN, {
      input: {
        title: '改期讲座',
        type: 'LECTURE',
        venueId: hall,
        startsAt: '2027-07-01T07:00:00Z',
        endsAt: '2027-07-01T08:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect((await outbox('event.published')).some((e) => e.data.eventId === id)).toBe(true);
    expect((await outbox('event.cancelled')).find((e) => e.data.eventId === id)?.data.reason).toBe('台风预警');
    expect((await outbox('registration.cancelled')).find((e) => e.data.registrationId === reg.id)?.data).toMatchObject({
      cause: 'EVENT_CANCELLED',
    });
  });

  it('confirms while seats remain, waitlists, promotes the first waiting on cancellation, and reopens when nobody waits', async () => {
    const id = await openEvent({ capacity: 2 });
    const [one, two, three] = [await register(id, 'r1'), await register(id, 'r2'), await register(id, 'r3')];
    expect([one.status, two.status, three.status]).toEqual(['CONFIRMED', 'CONFIRMED', 'WAITLISTED']);
    expect(three.event.status).toBe('FULL');
    const again = await service.graphql(REGISTER, { input: { eventId: id, residentId: 'r1' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'residentId' });

    const cancelOne = await ok(CANCEL_REG, { id: one.id });
    expect(cancelOne.cancelEventRegistration).toEqual({
      registration: { status: 'CANCELLED' },
      promoted: { id: three.id, resident: { id: 'r3' }, status: 'CONFIRMED' },
    });
    expect((await ok(EVENT, { id })).communityEvent).toEqual({
      status: 'FULL',
      seatsTaken: 2,
      waitlisted: 0,
      attended: 0,
    });
    const cancelTwo = await ok(
      `mutation($id: ID!) { cancelEventRegistration(input: { registrationId: $id, reason: "住院治疗，无法参加" }) { registration { status } promoted { id } } }`,
      { id: two.id },
    );
    // the resident's own words stay in the service: the bus (and every platform reading it) learns only that they withdrew
    const withdrawn = (await outbox('registration.cancelled')).find((e) => e.data.registrationId === two.id)!;
    expect(withdrawn.data).toEqual({ registrationId: two.id, eventId: id, residentId: 'r2', cause: 'WITHDRAWN' });
    expect(JSON.stringify(withdrawn)).not.toContain('住院');
    expect(cancelTwo.cancelEventRegistration.promoted).toBeNull();
    expect((await ok(EVENT, { id })).communityEvent.status).toBe('OPEN');
    expect((await outbox('registration.promoted')).map((e) => e.data.registrationId)).toContain(three.id);
    const twice = await service.graphql(CANCEL_REG, { id: one.id });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('checks the audience from the resident’s age on the event day', async () => {
    const elderly = await openEvent({ audience: 'ELDERLY', capacity: 10 });
    expect((await register(elderly, 'elder')).status).toBe('CONFIRMED');
    const young = await service.graphql(REGISTER, { input: { eventId: elderly, residentId: 'adult' } });
    expect(young.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'residentId',
      audience: 'ELDERLY',
    });
    const unknown = await service.graphql(REGISTER, { input: { eventId: elderly, residentId: 'stranger' } });
    expect(unknown.errors?.[0]?.message).toContain('出生日期未知');
    const children = await openEvent({ audience: 'ELDERS_AND_CHILDREN', capacity: 10 });
    expect((await register(children, 'child')).status).toBe('CONFIRMED');
    expect((await register(children, 'elder')).status).toBe('CONFIRMED');
    expect(
      (await service.graphql(REGISTER, { input: { eventId: children, residentId: 'adult' } })).errors?.[0]?.extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('checks in while the event runs (registration.attended) and marks the rest no-show on completion (event.completed)', async () => {
    const id = await openEvent({ capacity: 5 });
    const came = await register(id, 'elder');
    const stayed = await register(id, 'c2');
    const early = await service.graphql(CHECK_IN, { id: came.id });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'OPEN' });
    await startOnItsDay(id);
    expect((await ok(CHECK_IN, { id: came.id })).checkInEventRegistration.registration.status).toBe('ATTENDED');
    expect((await ok(COMPLETE, { id })).completeCommunityEvent.event).toEqual({ status: 'COMPLETED', attended: 1 });
    const rows = await ok(
      `query($id: ID!) { communityEvent(id: $id) { registrations(first: 10) { totalCount edges { node { id status } } } } }`,
      { id },
    );
    expect(rows.communityEvent.registrations.edges.map((e: any) => e.node)).toEqual([
      { id: came.id, status: 'ATTENDED' },
      { id: stayed.id, status: 'NO_SHOW' },
    ]);
    expect((await outbox('registration.attended')).find((e) => e.data.registrationId === came.id)?.data).toMatchObject({
      eventId: id,
      residentId: 'elder',
    });
    expect((await outbox('event.completed')).find((e) => e.data.eventId === id)?.data.attended).toBe(1);
    const late = await service.graphql(CHECK_IN, { id: stayed.id });
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('gives the last seat to exactly one of two residents racing for it, and never overfills under a crowd', async () => {
    const race = await openEvent({ capacity: 1 });
    const [a, b] = await Promise.all([
      service.graphql(REGISTER, { input: { eventId: race, residentId: 'racer-a' } }),
      service.graphql(REGISTER, { input: { eventId: race, residentId: 'racer-b' } }),
    ]);
    expect([a, b].map((r) => r.data?.registerForEvent.registration.status).sort()).toEqual(['CONFIRMED', 'WAITLISTED']);
    const crowd = await openEvent({ capacity: 3 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        service.graphql(REGISTER, { input: { eventId: crowd, residentId: `crowd-${i}` } }),
      ),
    );
    const statuses = results.map((r) => r.data?.registerForEvent.registration.status);
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(5);
    expect((await ok(EVENT, { id: crowd })).communityEvent).toMatchObject({
      status: 'FULL',
      seatsTaken: 3,
      waitlisted: 5,
    });
  });

  it('keeps teams: troupe and sub-teams, members, a leader who is a member, status and awards', async () => {
    const troupe = (
      await ok(
        `mutation { createTeam(input: { name: "冰心艺术团", kind: ART_TROUPE, registrationStatus: REGISTERED, foundedOn: "2011-05-04" }) { team { id } } }`,
      )
    ).createTeam.team.id;
    const yangge = (
      await ok(
        `mutation($p: ID!) { createTeam(input: { name: "秧歌队", kind: YANGGE, parentTeamId: $p }) { team { id } } }`,
        { p: troupe },
      )
    ).createTeam.team.id;
    const dup = await service.graphql(
      `mutation { createTeam(input: { name: "秧歌队", kind: YANGGE }) { team { id } } }`,
    );
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await ok(
      `mutation($t: ID!) { addTeamMember(input: { teamId: $t, residentId: "elder", joinedOn: "2020-03-01" }) { member { id } } }`,
      { t: yangge },
    );
    const notMember = await service.graphql(
      `mutation($t: ID!) { appointTeamLeader(input: { teamId: $t, residentId: "adult" }) { team { id } } }`,
      { t: yangge },
    );
    expect(notMember.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    await ok(`mutation($t: ID!) { appointTeamLeader(input: { teamId: $t, residentId: "elder" }) { team { id } } }`, {
      t: yangge,
    });
    await ok(
      `mutation($t: ID!) { changeTeamStatus(input: { teamId: $t, registrationStatus: FILED, supervisionStatus: RECTIFYING }) { team { id } } }`,
      { t: yangge },
    );
    await ok(
      `mutation($t: ID!) { addTeamMember(input: { teamId: $t, residentId: "adult", joinedOn: "2021-03-01" }) { member { id } } }`,
      { t: yangge },
    );
    await ok(
      `mutation($t: ID!) { removeTeamMember(input: { teamId: $t, residentId: "adult", leftOn: "2026-06-30" }) { team { id } } }`,
      { t: yangge },
    );
    const gone = await service.graphql(
      `mutation($t: ID!) { removeTeamMember(input: { teamId: $t, residentId: "adult", leftOn: "2026-07-01" }) { team { id } } }`,
      { t: yangge },
    );
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    await ok(
      `mutation($t: ID!) { recordTeamAward(input: { teamId: $t, title: "区文艺汇演一等奖", awardedBy: "思明区文化馆", awardedOn: "2026-10-01" }) { award { id } } }`,
      { t: yangge },
    );
    const view = await ok(
      `query($t: ID!) { team(id: $t) { name subTeams { name registrationStatus supervisionStatus leader { id } memberCount members { resident { id } joinedOn } awards { title awardedOn } parent { name } } } }`,
      { t: troupe },
    );
    expect(view.team).toEqual({
      name: '冰心艺术团',
      subTeams: [
        {
          name: '秧歌队',
          registrationStatus: 'FILED',
          supervisionStatus: 'RECTIFYING',
          leader: { id: 'elder' },
          memberCount: 1,
          members: [{ resident: { id: 'elder' }, joinedOn: '2020-03-01' }],
          awards: [{ title: '区文艺汇演一等奖', awardedOn: '2026-10-01' }],
          parent: { name: '冰心艺术团' },
        },
      ],
    });
  });

  it('plans galas with a programme, rehearsals and sponsors; galaPlan shows the months', async () => {
    const gala = await openEvent({ title: '一月新春联欢晚会', type: 'GALA', capacity: 80 });
    const rehearsal = await service.graphql(PLAN, {
      input: {
        title: '新春晚会彩排',
        type: 'REHEARSAL',
        rehearsalForId: gala,
        venueId: hall,
        startsAt: '2026-12-28T07:00:00Z',
        endsAt: '2026-12-28T09:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect(rehearsal.errors).toBeUndefined();
    const wrong = await service.graphql(PLAN, {
      input: {
        title: '错误关联',
        type: 'LECTURE',
        rehearsalForId: gala,
        startsAt: '2026-12-28T07:00:00Z',
        endsAt: '2026-12-28T09:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rehearsalForId' });
    await ok(
      `mutation($e: ID!) { addGalaProgrammeItem(input: { eventId: $e, title: "开场舞", form: "秧歌", durationMinutes: 6 }) { item { position } } }`,
      { e: gala },
    );
    const second = await ok(
      `mutation($e: ID!) { addGalaProgrammeItem(input: { eventId: $e, title: "合唱", form: "合唱", performers: "老年合唱队 20 人", durationMinutes: 8 }) { item { position } } }`,
      { e: gala },
    );
    expect(second.addGalaProgrammeItem.item.position).toBe(2);
    await ok(
      `mutation($e: ID!) { addEventSponsor(input: { eventId: $e, organizationId: "org-sponsor", contribution: "奖品", amountFen: 200000 }) { sponsorship { id } } }`,
      { e: gala },
    );
    const view = await ok(
      `query($e: ID!) { communityEvent(id: $e) { programme { position title } rehearsals { title rehearsalFor { id } } sponsors { contribution amountFen organization { id } } } }`,
      { e: gala },
    );
    expect(view.communityEvent).toEqual({
      programme: [
        { position: 1, title: '开场舞' },
        { position: 2, title: '合唱' },
      ],
      rehearsals: [{ title: '新春晚会彩排', rehearsalFor: { id: gala } }],
      sponsors: [{ contribution: '奖品', amountFen: 200000, organization: { id: 'org-sponsor' } }],
    });
    const plan = await ok(`{ galaPlan(year: 2027) { month status events { title } } }`);
    expect(plan.galaPlan[0]).toEqual({ month: 1, status: 'PLANNED', events: [{ title: '一月新春联欢晚会' }] });
    expect(plan.galaPlan[4]).toMatchObject({ month: 5, status: 'PLANNED' });
    expect(plan.galaPlan[1]).toEqual({ month: 2, status: 'MISSING', events: [] });
    const sponsored = await ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { sponsoredEvents { title } } } }`,
      { reps: [{ __typename: 'Organization', id: 'org-sponsor' }] },
    );
    expect(sponsored._entities).toEqual([{ sponsoredEvents: [{ title: '一月新春联欢晚会' }] }]);
  });

  it('records volunteer hours once per shift (volunteer_hours.recorded) and sums them on Resident.volunteerHours', async () => {
    // arranged the day before, recorded once served
    const shift = (
      await asOf('2026-11-29T02:00:00Z', () =>
        ok(
          `mutation { createVolunteerShift(input: { role: "秩序维护", startsAt: "2026-11-30T01:00:00Z", endsAt: "2026-11-30T04:00:00Z" }) { shift { id } } }`,
        ),
      )
    ).createVolunteerShift.shift.id;
    const tooLong = await service.graphql(
      `mutation($s: ID!) { recordVolunteerHours(input: { shiftId: $s, residentId: "v1", minutes: 500 }) { record { id } } }`,
      { s: shift },
    );
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'minutes' });
    const rec = await ok(
      `mutation($s: ID!) { recordVolunteerHours(input: { shiftId: $s, residentId: "v1" }) { record { minutes servedOn resident { id } } } }`,
      { s: shift },
    );
    expect(rec.recordVolunteerHours.record).toEqual({ minutes: 180, servedOn: '2026-11-30', resident: { id: 'v1' } });
    const twice = await service.graphql(
      `mutation($s: ID!) { recordVolunteerHours(input: { shiftId: $s, residentId: "v1" }) { record { id } } }`,
      { s: shift },
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const future = (
      await ok(
        `mutation { createVolunteerShift(input: { role: "后台", startsAt: "2027-02-01T01:00:00Z", endsAt: "2027-02-01T02:00:00Z" }) { shift { id } } }`,
      )
    ).createVolunteerShift.shift.id;
    expect(
      (
        await service.graphql(
          `mutation($s: ID!) { recordVolunteerHours(input: { shiftId: $s, residentId: "v1" }) { record { id } } }`,
          { s: future },
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('CONFLICT');
    expect((await outbox('volunteer_hours.recorded')).map((e) => e.data)).toEqual([
      { shiftId: shift, eventId: null, residentId: 'v1', minutes: 180, servedOn: '2026-11-30' },
    ]);
    const hours = await ok(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { volunteerHours { totalMinutes totalHours services } eventRegistrations { status } } } }`,
      {
        reps: [
          { __typename: 'Resident', id: 'v1' },
          { __typename: 'Resident', id: 'r3' },
        ],
      },
    );
    expect(hours._entities).toEqual([
      { volunteerHours: { totalMinutes: 180, totalHours: 3, services: 1 }, eventRegistrations: [] },
      {
        volunteerHours: { totalMinutes: 0, totalHours: 0, services: 0 },
        eventRegistrations: [{ status: 'CONFIRMED' }],
      },
    ]);
  });

  it('gives analysts counts only, small groups of people suppressed; a community admin the exact figures; denies those without events:statistics', async () => {
    const query = `{ eventStatistics(groupBy: [TYPE], filter: { types: [LECTURE] }) { type month events registrations attended noShows attendanceRate uniqueParticipants elderlyShare suppressed } }`;
    // one participant, aged 60+: an analyst (no events:read) must not learn that person's attendance or age band
    const stats = await ok(query, undefined, { role: 'analyst' });
    expect(stats.eventStatistics).toHaveLength(1);
    expect(stats.eventStatistics[0]).toMatchObject({
      type: 'LECTURE',
      month: null,
      // 10 places taken (8 of them for events not yet held): shown; the one attendance and one no-show are not
      registrations: 10,
      attended: null,
      noShows: null,
      attendanceRate: null,
      uniqueParticipants: null,
      elderlyShare: null,
    });
    expect(stats.eventStatistics[0].events).toBeGreaterThan(0);
    expect(stats.eventStatistics[0].suppressed).toContain('人数少于 5');
    expect(stats.eventStatistics[0].suppressed).toContain('老年人占比');
    const exact = await ok(query);
    expect(exact.eventStatistics[0]).toMatchObject({
      type: 'LECTURE',
      attended: 1,
      noShows: 1,
      attendanceRate: 0.5,
      uniqueParticipants: 1,
      elderlyShare: 1,
      suppressed: null,
    });
    const denied = await service.graphql(`{ eventStatistics(groupBy: [TYPE]) { events } }`, undefined, {
      role: 'grid_worker',
    });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await service.graphql(`{ eventStatistics(groupBy: []) { events } }`);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
  });
});

describe('events schema', () => {
  it('describes every type, field, argument and enum value in Chinese', async () => {
    const { schema } = await buildEventsSchema();
    expect(missingChineseDescriptions(schema)).toEqual([]);
  });
});
