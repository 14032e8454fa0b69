import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BuildingMovedToGrid,
  GridRegistered,
  ResidentDeceased,
  ResidentIdentityCorrected,
  ResidentMovedIn,
  ResidentMovedOut,
  ResidentRegistered,
  STREAM_NAME,
  type EventEnvelope,
} from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import { knownReferences, startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { GridCode, Registration, ResidentProfile } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { id status } } }`;
const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`;

const registered = (residentId: string, birthDate: string) => ({
  residentId,
  householdId: null,
  buildingId: null,
  gridId: null,
  gender: 'FEMALE' as const,
  birthDate,
  residenceType: 'REGISTERED' as const,
  residencePermitExpiresOn: null,
});

describe.each(testDialects())('events reacting to residents on a real nats-server (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));

  async function ok(query: string, variables?: Record<string, unknown>): Promise<any> {
    const result = await service.graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  }
  async function openEvent(title: string, day: string, extra: Record<string, unknown> = {}): Promise<string> {
    const id = (
      await ok(PLAN, {
        input: {
          title,
          type: 'LECTURE',
          startsAt: `${day}T07:00:00Z`,
          endsAt: `${day}T09:00:00Z`,
          organiserKind: 'DEPARTMENT',
          organiserDepartment: 'CULTURE',
          ...extra,
        },
      })
    ).planCommunityEvent.event.id;
    await ok(`mutation($id: ID!) { publishCommunityEvent(input: { eventId: $id }) { event { id } } }`, { id });
    return id;
  }
  const register = async (eventId: string, residentId: string) =>
    (await ok(REGISTER, { input: { eventId, residentId } })).registerForEvent.registration;
  const statusOf = async (id: string) => (await service.orm.em.fork().findOneOrFail(Registration, id)).status;

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(eventsService, { dialect, natsUrl: nats.url, clock });
    await knownReferences(
      service,
      ['grandma', 'grandpa', 'attendee', 'mover', 'neighbour', 'corrected'].map((id) => ({
        kind: 'RESIDENT' as const,
        id,
      })),
    );
    residents = new TestEventPublisher(nats.url);
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('learns birth dates from resident.registered and applies the audience rule with them', async () => {
    const elderly = await openEvent('老年人防诈骗讲座', '2027-01-05', { audience: 'ELDERLY', capacity: 10 });
    const early = await service.graphql(REGISTER, { input: { eventId: elderly, residentId: 'grandma' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    await residents.publish(ResidentRegistered, registered('grandma', '1948-03-08'));
    await waitFor(() => service.orm.em.fork().findOne(ResidentProfile, { residentId: 'grandma' }), {
      what: 'resident projection',
    });
    expect((await register(elderly, 'grandma')).status).toBe('CONFIRMED');
  });

  it('takes the birth date of resident.identity_corrected: the audience rule and the attendance counted as elderly follow it', async () => {
    await residents.publish(ResidentRegistered, registered('corrected', '1990-04-01'));
    await waitFor(() => service.orm.em.fork().findOne(ResidentProfile, { residentId: 'corrected' }), {
      what: 'resident projection',
    });
    const elderly = await openEvent('老年人健康讲座', '2027-01-06', { audience: 'ELDERLY', capacity: 10 });
    const young = await service.graphql(REGISTER, { input: { eventId: elderly, residentId: 'corrected' } });
    expect(young.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    // attended an event as a 36-year-old: counted among those of known age, not among the elderly
    const talk = await openEvent('更正前的讲座', '2026-12-01', { capacity: 5 });
    const seat = await register(talk, 'corrected');
    clock.set(new Date('2026-12-01T07:00:00Z'));
    await ok(`mutation($id: ID!) { startCommunityEvent(input: { eventId: $id }) { event { id } } }`, { id: talk });
    await ok(
      `mutation($id: ID!) { checkInEventRegistration(input: { registrationId: $id }) { registration { id } } }`,
      { id: seat.id },
    );
    clock.set(new Date('2026-12-01T02:00:00Z'));
    const attendance = () =>
      service.orm.em
        .fork()
        .getConnection()
        .execute<{ known: number | boolean; elderly: number | boolean }[]>(
          'select known, elderly from event_attendance where member_id = ?',
          [seat.id],
        );
    expect((await attendance()).map((r) => [Number(r.known), Number(r.elderly)])).toEqual([[1, 0]]);

    await residents.publish(ResidentIdentityCorrected, {
      residentId: 'corrected',
      gender: 'MALE',
      birthDate: '1950-04-01',
    });
    await waitFor(
      async () =>
        (await service.orm.em.fork().findOne(ResidentProfile, { residentId: 'corrected', birthDate: '1950-04-01' })) ??
        undefined,
      { what: 'the corrected birth date' },
    );
    expect((await register(elderly, 'corrected')).status).toBe('CONFIRMED');
    expect((await attendance()).map((r) => [Number(r.known), Number(r.elderly)])).toEqual([[1, 1]]);
  });

  it('keeps each resident’s grid (resident.registered, resident.moved_in) and grid codes (grid.registered) for row scope', async () => {
    await residents.publish(GridRegistered, {
      gridId: 'grid-7',
      code: '350203008006-07',
      name: '测试网格',
      gridWorkerStaffId: null,
    });
    await residents.publish(ResidentRegistered, { ...registered('mover', '1980-01-01'), gridId: 'grid-6' });
    await residents.publish(ResidentMovedIn, {
      residentId: 'mover',
      householdId: 'hh-7',
      buildingId: 'b-7',
      gridId: 'grid-7',
      fromHouseholdId: null,
      movedInOn: '2026-11-20',
    });
    await waitFor(
      async () =>
        (await service.orm.em.fork().findOne(ResidentProfile, { residentId: 'mover', gridId: 'grid-7' })) ?? undefined,
      { what: 'grid of the resident' },
    );
    expect(await service.orm.em.fork().findOne(GridCode, { gridId: 'grid-7' })).toMatchObject({
      code: '350203008006-07',
    });
  });

  it('moves the residents of a building redrawn into another grid (building.moved_to_grid): a grid worker sees their registrations in the new grid, not the old', async () => {
    for (const n of [1, 2])
      await residents.publish(GridRegistered, {
        gridId: `grid-r${n}`,
        code: `350203008006-8${n}`,
        name: `调整网格${n}`,
        gridWorkerStaffId: null,
      });
    const place = (householdId: string, buildingId: string) => ({ householdId, buildingId, gridId: 'grid-r1' });
    await residents.publish(ResidentRegistered, { ...registered('tenant', '1985-01-01'), ...place('hh-t', 'b-moved') });
    await residents.publish(ResidentRegistered, { ...registered('stayer', '1986-01-01'), ...place('hh-s', 'b-stays') });
    const event = await openEvent('网格调整后的讲座', '2027-02-20', { capacity: 10 });
    for (const residentId of ['tenant', 'stayer'])
      await waitFor(
        async () => {
          const result = await service.graphql(REGISTER, { input: { eventId: event, residentId } });
          return result.errors ? undefined : true;
        },
        { what: `${residentId} known to events` },
      );
    const seenBy = async (grid: string) => {
      const result = await service.graphql(
        `query($id: ID!) { communityEvent(id: $id) { registrations(first: 10) { edges { node { resident { id } } } } } }`,
        { id: event },
        { role: 'grid_worker', grids: [grid] },
      );
      expect(result.errors).toBeUndefined();
      return result.data.communityEvent.registrations.edges.map((e: any) => e.node.resident.id).sort();
    };
    expect(await seenBy('350203008006-81')).toEqual(['stayer', 'tenant']);
    await residents.publish(BuildingMovedToGrid, {
      buildingId: 'b-moved',
      fromGridId: 'grid-r1',
      toGridId: 'grid-r2',
      movedOn: '2026-12-01',
    });
    await waitFor(
      async () =>
        (await service.orm.em.fork().findOne(ResidentProfile, { residentId: 'tenant', gridId: 'grid-r2' })) ??
        undefined,
      { what: 'the tenant’s grid to follow the building' },
    );
    expect(await seenBy('350203008006-81')).toEqual(['stayer']);
    expect(await seenBy('350203008006-82')).toEqual(['tenant']);
  });

  it('on resident.deceased cancels future registrations, promotes the waitlist, and leaves started events alone', async () => {
    const future = await openEvent('一月晚会', '2027-01-20', { capacity: 1 });
    const seat = await register(future, 'grandpa');
    const waiting = await register(future, 'neighbour');
    expect(waiting.status).toBe('WAITLISTED');
    // an event of yesterday, planned and registered for before it (events are planned ahead), started since
    clock.set(new Date('2026-11-29T02:00:00Z'));
    const past = await openEvent('已开始的活动', '2026-11-30', { capacity: 5 });
    const held = await register(past, 'grandpa');
    clock.set(new Date('2026-12-01T02:00:00Z'));
    await ok(`mutation($id: ID!) { startCommunityEvent(input: { eventId: $id }) { event { id } } }`, { id: past });

    const death = await residents.publish(ResidentDeceased, { residentId: 'grandpa', diedOn: '2026-11-30' });
    await waitFor(async () => ((await statusOf(seat.id)) === 'CANCELLED' ? true : undefined), {
      what: 'future registration cancelled',
    });
    await residents.republish(death);
    expect(await statusOf(waiting.id)).toBe('CONFIRMED');
    expect(await statusOf(held.id)).toBe('CONFIRMED');
    const event = await ok(`query($id: ID!) { communityEvent(id: $id) { status seatsTaken waitlisted } }`, {
      id: future,
    });
    expect(event.communityEvent).toEqual({ status: 'FULL', seatsTaken: 1, waitlisted: 0 });
    const cancelled = await service.orm.em.fork().findOneOrFail(Registration, seat.id);
    expect(cancelled.cancelReason).toBe('居民已故');
    // the death stays in the service: registration.cancelled tells the bus (and events:read keys) only a withdrawal
    const onTheBus = await service.orm.em
      .fork()
      .find(OutboxMessage, { subject: 'shequ.events.registration.cancelled', payload: { $like: `%${seat.id}%` } });
    expect(onTheBus.map((row) => JSON.parse(row.payload).data)).toEqual([
      { registrationId: seat.id, eventId: future, residentId: 'grandpa', cause: 'WITHDRAWN' },
    ]);
    expect(onTheBus[0].payload).not.toContain('已故');
    const consumer = service.consumers[0];
    await waitFor(
      async () => ((await consumer.apply(death, async () => undefined)) === 'duplicate' ? true : undefined),
      { what: 'death recorded in the inbox' },
    );
    expect(await service.orm.em.fork().count(Registration, { residentId: 'grandpa', status: 'CANCELLED' })).toBe(1);
    const refused = await service.graphql(REGISTER, { input: { eventId: future, residentId: 'grandpa' } });
    // not a current resident: the reference check's answer, as for one who moved away
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
  });

  it('on resident.moved_out releases the seat and reopens the event when nobody waits', async () => {
    const event = await openEvent('二月讲座', '2027-02-10', { capacity: 1 });
    const seat = await register(event, 'mover');
    await residents.publish(ResidentMovedOut, {
      residentId: 'mover',
      fromHouseholdId: null,
      movedOutOn: '2026-11-30',
      destination: '湖里区',
    });
    await waitFor(async () => ((await statusOf(seat.id)) === 'CANCELLED' ? true : undefined), {
      what: 'registration released on moving out',
    });
    expect(
      (await ok(`query($id: ID!) { communityEvent(id: $id) { status } }`, { id: event })).communityEvent.status,
    ).toBe('OPEN');
  });

  it('publishes registration.attended onto the stream when a resident checks in', async () => {
    const event = await openEvent('签到测试', '2027-03-01', { capacity: 5 });
    const seat = await register(event, 'attendee');
    clock.set(new Date('2027-03-01T07:00:00Z')); // at its start: check-in cannot open weeks early
    await ok(`mutation($id: ID!) { startCommunityEvent(input: { eventId: $id }) { event { id } } }`, { id: event });
    clock.set(new Date('2026-12-01T02:00:00Z'));
    await ok(
      `mutation($id: ID!) { checkInEventRegistration(input: { registrationId: $id }) { registration { id } } }`,
      { id: seat.id },
    );
    const jsm = await service.bus.jetstreamManager();
    const envelope = await waitFor(
      async () => {
        const message = await jsm.streams
          .getMessage(STREAM_NAME, { last_by_subj: 'shequ.events.registration.attended' })
          .catch(() => null);
        return message ? (JSON.parse(new TextDecoder().decode(message.data)) as EventEnvelope<any>) : undefined;
      },
      { what: 'registration.attended on the stream' },
    );
    expect(envelope.data).toMatchObject({ registrationId: seat.id, eventId: event, residentId: 'attendee' });
  });
});
