import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentDeceased, ResidentMovedOut, ResidentRegistered } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  CommunityEvent,
  Registration,
  ResidentProfile,
  Team,
  TeamMember,
  VolunteerService,
  VolunteerShift,
} from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

/**
 * Rules that must hold on every path that writes (review of 2026-12-04 afternoon): what the consumer of residents'
 * events undoes (a registration of a resident who moved away) the API does not let in, and what one mutation refuses
 * (a shift of a cancelled event) another does not record after the fact.
 */
const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`;
const PUBLISH = `mutation($id: ID!) { publishCommunityEvent(input: { eventId: $id }) { event { status } } }`;
const CANCEL = `mutation($id: ID!) { cancelCommunityEvent(input: { eventId: $id, reason: "场地维修" }) { event { status } } }`;
const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { status } } }`;
const SHIFT = `mutation($input: CreateVolunteerShiftInput!) { createVolunteerShift(input: $input) { shift { id } } }`;
const HOURS = `mutation($input: RecordVolunteerHoursInput!) { recordVolunteerHours(input: $input) { record { id minutes } } }`;

describe.each(testDialects())('events rules on every write path on %s (real nats-server)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  /** Arranges a shift the day before it starts (clock put back after): hours are recorded once it was served. */
  const arrangeShift = async (input: Record<string, unknown> & { startsAt: string }) => {
    const today = clock.now();
    clock.set(new Date(new Date(input.startsAt).getTime() - 86_400_000));
    try {
      return await service.graphql(SHIFT, { input });
    } finally {
      clock.set(today);
    }
  };
  const em = () => service.orm.em.fork();

  const openEvent = async (title: string, day: string) => {
    const planned = await service.graphql(PLAN, {
      input: {
        title,
        type: 'LECTURE',
        startsAt: `${day}T07:00:00Z`,
        endsAt: `${day}T09:00:00Z`,
        capacity: 30,
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    expect(planned.errors).toBeUndefined();
    const id = planned.data.planCommunityEvent.event.id as string;
    expect((await service.graphql(PUBLISH, { id })).errors).toBeUndefined();
    return id;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(eventsService, { dialect, natsUrl: nats.url, clock });
    residents = new TestEventPublisher(nats.url);
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'rv-here', birthDate: '1950-01-01' },
      { kind: 'RESIDENT', id: 'rv-gone', birthDate: '1950-01-01', status: 'MOVED_OUT' },
      { kind: 'RESIDENT', id: 'rv-volunteer', birthDate: '1980-01-01' },
    ]);
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses a registration of a resident who moved away (their registrations are released when they go)', async () => {
    const eventId = await openEvent('健康讲座', '2027-01-15');
    const gone = await service.graphql(REGISTER, { input: { eventId, residentId: 'rv-gone' } });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(gone.errors?.[0]?.message).toContain('已迁出');
    expect(await em().count(Registration, { residentId: 'rv-gone' })).toBe(0);
    const here = await service.graphql(REGISTER, { input: { eventId, residentId: 'rv-here' } });
    expect(here.errors).toBeUndefined();
  });

  it('plans, moves and arranges nothing in the past: a start before now is refused naming startsAt, nothing written', async () => {
    // clock: 2026-12-01T02:00Z (10:00 in the community)
    const events = await em().count(CommunityEvent, {});
    const shifts = await em().count(VolunteerShift, {});
    const past = { startsAt: '2026-12-01T01:59:00Z', endsAt: '2026-12-01T04:00:00Z' };
    const message = '开始时间（2026/12/01 09:59）早于安排时的当前时间（2026/12/01 10:00）：只能安排将来的活动或班次';
    const planned = await service.graphql(PLAN, {
      input: {
        title: '补记的讲座',
        type: 'LECTURE',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
        ...past,
      },
    });
    const arranged = await service.graphql(SHIFT, { input: { role: '秩序维护', ...past } });
    const eventId = await openEvent('改期的讲座', '2027-01-25');
    const moved = await service.graphql(
      `mutation($input: RescheduleCommunityEventInput!) { rescheduleCommunityEvent(input: $input) { event { id } } }`,
      { input: { eventId, ...past } },
    );
    for (const refused of [planned, arranged, moved]) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsAt' });
      expect(refused.errors?.[0]?.message).toBe(message);
    }
    expect(await em().count(CommunityEvent, {})).toBe(events + 1);
    expect(await em().count(VolunteerShift, {})).toBe(shifts);
    expect((await em().findOneOrFail(CommunityEvent, eventId)).startsAt.toISOString()).toBe('2027-01-25T07:00:00.000Z');
    // from this very moment on, it is ahead: planned, with the moment it was planned
    const now = await service.graphql(PLAN, {
      input: {
        title: '即刻开始的活动',
        type: 'LECTURE',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
        startsAt: '2026-12-01T02:00:00Z',
        endsAt: '2026-12-01T04:00:00Z',
      },
    });
    expect(now.errors).toBeUndefined();
    const stored = await em().findOneOrFail(CommunityEvent, now.data.planCommunityEvent.event.id);
    expect(stored.plannedAt?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
  });

  it('records no volunteer hours in a shift of a cancelled event, writing and publishing nothing', async () => {
    const eventId = await openEvent('社区义诊', '2027-01-20');
    const shift = await arrangeShift({
      eventId,
      role: '物资准备',
      startsAt: '2026-11-30T01:00:00Z',
      endsAt: '2026-11-30T03:00:00Z',
    });
    expect(shift.errors).toBeUndefined();
    const shiftId = shift.data.createVolunteerShift.shift.id as string;
    expect((await service.graphql(CANCEL, { id: eventId })).errors).toBeUndefined();
    const published = () => em().count(OutboxMessage, { subject: { $like: '%volunteer_hours%' } });
    const before = await published();
    const hours = await service.graphql(HOURS, { input: { shiftId, residentId: 'rv-volunteer' } });
    expect(hours.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'shiftId' });
    expect(hours.errors?.[0]?.message).toContain('已取消');
    expect(await em().count(VolunteerService, {})).toBe(0);
    expect(await published()).toBe(before);
  });

  it('applies one of several concurrent additions: a team member, a volunteer’s hours in one shift', async () => {
    const codes = (results: Array<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>) =>
      results.map((r) => (r.errors ? String(r.errors[0].extensions?.code) : 'OK')).sort();
    const team = await service.graphql(
      `mutation { createTeam(input: { name: "夕阳红合唱队", kind: CHOIR }) { team { id } } }`,
    );
    expect(team.errors).toBeUndefined();
    const teamId = team.data.createTeam.team.id as string;
    const added = await Promise.all(
      Array.from({ length: 4 }, () =>
        service.graphql(`mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { member { id } } }`, {
          input: { teamId, residentId: 'rv-here', joinedOn: '2026-11-01' },
        }),
      ),
    );
    expect(codes(added)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await em().count(TeamMember, { team: teamId, residentId: 'rv-here' })).toBe(1);

    const shift = await arrangeShift({
      role: '秩序维护',
      startsAt: '2026-11-29T01:00:00Z',
      endsAt: '2026-11-29T03:00:00Z',
    });
    const shiftId = shift.data.createVolunteerShift.shift.id as string;
    const recorded = await Promise.all(
      Array.from({ length: 4 }, () => service.graphql(HOURS, { input: { shiftId, residentId: 'rv-here' } })),
    );
    expect(codes(recorded)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await em().count(VolunteerService, { residentId: 'rv-here' })).toBe(1);
  });

  it('ends the team memberships and leadership of a resident who died or moved away; no such resident is appointed leader', async () => {
    for (const residentId of ['rv-leader', 'rv-mover', 'rv-stays'])
      await residents.publish(ResidentRegistered, {
        residentId,
        householdId: null,
        buildingId: null,
        gridId: null,
        gender: 'FEMALE',
        birthDate: '1955-05-05',
        residenceType: 'REGISTERED',
        residencePermitExpiresOn: null,
      });
    const team = await service.graphql(
      `mutation { createTeam(input: { name: "秧歌队", kind: YANGGE }) { team { id } } }`,
    );
    const teamId = team.data.createTeam.team.id as string;
    const add = (residentId: string) =>
      service.graphql(`mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { member { id } } }`, {
        input: { teamId, residentId, joinedOn: '2026-01-01' },
      });
    // each resident is known once the consumer has applied its event (they may come in separate batches)
    for (const residentId of ['rv-leader', 'rv-mover', 'rv-stays'])
      await waitFor(async () => ((await add(residentId)).errors ? undefined : true), { what: `${residentId} known` });
    const appoint = (residentId: string) =>
      service.graphql(
        `mutation($input: AppointTeamLeaderInput!) { appointTeamLeader(input: $input) { team { id } } }`,
        { input: { teamId, residentId } },
      );
    expect((await appoint('rv-leader')).errors).toBeUndefined();
    await residents.publish(ResidentDeceased, { residentId: 'rv-leader', diedOn: '2026-11-20' });
    await residents.publish(ResidentMovedOut, {
      residentId: 'rv-mover',
      fromHouseholdId: null,
      movedOutOn: '2026-11-25',
      destination: '湖里区',
    });
    const live = async (residentId: string) =>
      service.orm.em.fork().count(TeamMember, { team: teamId, residentId, leftOn: null });
    await waitFor(async () => ((await live('rv-leader')) === 0 && (await live('rv-mover')) === 0 ? true : undefined), {
      what: 'memberships ended',
    });
    const em = service.orm.em.fork();
    expect((await em.findOneOrFail(TeamMember, { team: teamId, residentId: 'rv-leader' })).leftOn).toBe('2026-11-20');
    expect((await em.findOneOrFail(TeamMember, { team: teamId, residentId: 'rv-mover' })).leftOn).toBe('2026-11-25');
    expect((await em.findOneOrFail(Team, teamId)).leaderResidentId).toBeNull();
    expect(await live('rv-stays')).toBe(1);
    const refused = await appoint('rv-mover');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
  });

  it('records no volunteer hours served after the volunteer died or moved away', async () => {
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'rv-late', birthDate: '1950-01-01', status: 'DECEASED', occurredAt: new Date() },
    ]);
    await residents.publish(ResidentDeceased, { residentId: 'rv-late', diedOn: '2026-11-10' });
    await waitFor(
      async () =>
        (await em().findOne(ResidentProfile, { residentId: 'rv-late', diedOn: { $ne: null } })) ? true : undefined,
      { what: 'death in the profile' },
    );
    const shiftOn = async (day: string) => {
      const shift = await arrangeShift({ role: '环境整治', startsAt: `${day}T01:00:00Z`, endsAt: `${day}T03:00:00Z` });
      return shift.data.createVolunteerShift.shift.id as string;
    };
    const after = await service.graphql(HOURS, {
      input: { shiftId: await shiftOn('2026-11-15'), residentId: 'rv-late' },
    });
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(await em().count(VolunteerService, { residentId: 'rv-late' })).toBe(0);
    const before = await service.graphql(HOURS, {
      input: { shiftId: await shiftOn('2026-11-05'), residentId: 'rv-late' },
    });
    expect(before.errors).toBeUndefined();
  });

  it('keeps the audience rule when an event moves: no registered resident falls outside it on the new day', async () => {
    await residents.publish(ResidentRegistered, {
      residentId: 'rv-child',
      householdId: null,
      buildingId: null,
      gridId: null,
      gender: 'MALE',
      birthDate: '2012-02-01',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    await waitFor(() => em().findOne(ResidentProfile, { residentId: 'rv-child' }), { what: 'the child’s profile' });
    const planned = await service.graphql(PLAN, {
      input: {
        title: '少儿书法班',
        type: 'TRAINING',
        startsAt: '2027-01-20T07:00:00Z',
        endsAt: '2027-01-20T09:00:00Z',
        audience: 'CHILDREN',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    const eventId = planned.data.planCommunityEvent.event.id as string;
    await service.graphql(PUBLISH, { id: eventId });
    // 14 on 2027-01-20, 15 from 2027-02-01
    const child = await service.graphql(REGISTER, { input: { eventId, residentId: 'rv-child' } });
    expect(child.errors).toBeUndefined();
    const moved = await service.graphql(
      `mutation($input: RescheduleCommunityEventInput!) { rescheduleCommunityEvent(input: $input) { event { id startsAt } } }`,
      { input: { eventId, startsAt: '2027-02-10T07:00:00Z', endsAt: '2027-02-10T09:00:00Z' } },
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'startsAt' });
    expect(moved.errors?.[0]?.message).toContain('1 名');
    const event = await service.graphql(`query($id: ID!) { communityEvent(id: $id) { startsAt } }`, { id: eventId });
    expect(event.data.communityEvent.startsAt).toBe('2027-01-20T07:00:00.000Z');
  });

  it('lets a team suspended by supervision (暂停活动) neither organise an event nor perform in a gala', async () => {
    const team = await service.graphql(
      `mutation { createTeam(input: { name: "腰鼓队", kind: WAIST_DRUM }) { team { id } } }`,
    );
    const teamId = team.data.createTeam.team.id as string;
    const suspended = await service.graphql(
      `mutation($id: ID!) { changeTeamStatus(input: { teamId: $id, supervisionStatus: SUSPENDED }) { team { id } } }`,
      { id: teamId },
    );
    expect(suspended.errors).toBeUndefined();
    const organised = await service.graphql(PLAN, {
      input: {
        title: '腰鼓展演',
        type: 'SPORTS',
        startsAt: '2027-02-10T07:00:00Z',
        endsAt: '2027-02-10T09:00:00Z',
        organiserKind: 'TEAM',
        organiserTeamId: teamId,
      },
    });
    expect(organised.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'organiserTeamId' });
    const gala = await service.graphql(PLAN, {
      input: {
        title: '二月晚会',
        type: 'GALA',
        startsAt: '2027-02-20T11:00:00Z',
        endsAt: '2027-02-20T13:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    const item = await service.graphql(
      `mutation($input: AddGalaProgrammeItemInput!) { addGalaProgrammeItem(input: $input) { item { id } } }`,
      {
        input: {
          eventId: gala.data.planCommunityEvent.event.id,
          title: '腰鼓《春来了》',
          form: '腰鼓',
          teamId,
          durationMinutes: 8,
        },
      },
    );
    expect(item.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'teamId' });
    expect(item.errors?.[0]?.message).toContain('暂停活动');
  });
});
