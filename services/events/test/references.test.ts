import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationRegistered, ResidentRegistered } from '@shequ/contracts';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, TestEventPublisher, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import {
  CommunityEvent,
  EventSponsor,
  Registration,
  TeamMember,
  Venue,
  VolunteerService,
} from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

const PLAN = `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`;
const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { status } } }`;
const ADD_MEMBER = `mutation($input: AddTeamMemberInput!) { addTeamMember(input: $input) { member { id joinedOn resident { id } } } }`;
const SPONSOR = `mutation($input: AddEventSponsorInput!) { addEventSponsor(input: $input) { sponsorship { id } } }`;
const VENUE = `mutation($input: RegisterVenueInput!) { registerVenue(input: $input) { venue { id } } }`;

describe.each(testDialects())('references to residents’ records in events on %s (real nats-server)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  let eventId: string;
  let teamId: string;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
  const count = (entity: typeof Registration | typeof TeamMember | typeof EventSponsor | typeof Venue) =>
    service.orm.em.fork().count(entity, {});

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(eventsService, { dialect, natsUrl: nats.url, clock });
    residents = new TestEventPublisher(nats.url);
    await residents.publish(ResidentRegistered, {
      residentId: 'res-1',
      householdId: 'hh-1',
      buildingId: 'b-1',
      gridId: 'g-1',
      gender: null,
      birthDate: '1960-01-01',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    await residents.publish(OrganizationRegistered, { organizationId: 'org-1', kind: 'PARTNER_UNIT', gridId: null });
    await waitFor(
      async () => (await service.orm.em.fork().count(ReferenceProjection, { id: ['res-1', 'org-1'] })) === 2,
      {
        what: 'the reference projection',
      },
    );
    const planned = await service.graphql(PLAN, {
      input: {
        title: '迎新年文艺晚会',
        type: 'GALA',
        startsAt: '2027-01-10T07:00:00Z',
        endsAt: '2027-01-10T09:00:00Z',
        organiserKind: 'DEPARTMENT',
        organiserDepartment: 'CULTURE',
      },
    });
    eventId = planned.data.planCommunityEvent.event.id;
    await service.graphql(
      `mutation($id: ID!) { publishCommunityEvent(input: { eventId: $id }) { event { status } } }`,
      {
        id: eventId,
      },
    );
    const team = await service.graphql(
      `mutation { createTeam(input: { name: "腰鼓队", kind: WAIST_DRUM }) { team { id } } }`,
    );
    teamId = team.data.createTeam.team.id;
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses a registration of an unknown resident, writing nothing', async () => {
    const ghost = await service.graphql(REGISTER, { input: { eventId, residentId: 'ghost-resident' } });
    expect(ghost.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(await count(Registration)).toBe(0);
    expect((await service.graphql(REGISTER, { input: { eventId, residentId: 'res-1' } })).errors).toBeUndefined();
  });

  it('adds a known resident to a team and answers with the member (no INTERNAL_SERVER_ERROR), refuses a ghost', async () => {
    const ghost = await service.graphql(ADD_MEMBER, {
      input: { teamId, residentId: 'ghost-resident', joinedOn: '2026-01-01' },
    });
    expect(ghost.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(await count(TeamMember)).toBe(0);
    const added = await service.graphql(ADD_MEMBER, { input: { teamId, residentId: 'res-1', joinedOn: '2026-01-01' } });
    expect(added.errors).toBeUndefined();
    expect(added.data.addTeamMember.member).toMatchObject({ joinedOn: '2026-01-01', resident: { id: 'res-1' } });
  });

  it('refuses an unknown sponsor and an unknown venue owner', async () => {
    const sponsor = await service.graphql(SPONSOR, {
      input: { eventId, organizationId: 'ghost-org', contribution: '奖品' },
    });
    expect(sponsor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    expect(await count(EventSponsor)).toBe(0);
    const venue = await service.graphql(VENUE, {
      input: { name: '共建活动室', kind: 'ACTIVITY_ROOM', ownerOrganizationId: 'ghost-org' },
    });
    expect(venue.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerOrganizationId' });
    expect(await count(Venue)).toBe(0);
    const known = await service.graphql(SPONSOR, { input: { eventId, organizationId: 'org-1', contribution: '奖品' } });
    expect(known.errors).toBeUndefined();
  });

  it('refuses an event organised by an unknown unit and volunteer hours of an unknown resident, writing nothing', async () => {
    const events = await service.orm.em.fork().count(CommunityEvent, {});
    const organised = await service.graphql(PLAN, {
      input: {
        title: '共建单位义诊',
        type: 'VOLUNTEER_SERVICE',
        startsAt: '2027-01-12T01:00:00Z',
        endsAt: '2027-01-12T03:00:00Z',
        organiserKind: 'ORGANIZATION',
        organiserOrganizationId: 'ghost-org',
      },
    });
    expect(organised.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organiserOrganizationId',
    });
    expect(await service.orm.em.fork().count(CommunityEvent, {})).toBe(events);
    // arranged the day before, recorded once served
    clock.set(new Date('2026-11-29T02:00:00Z'));
    const shift = await service.graphql(
      `mutation { createVolunteerShift(input: { role: "秩序维护", startsAt: "2026-11-30T01:00:00Z", endsAt: "2026-11-30T04:00:00Z" }) { shift { id } } }`,
    );
    clock.set(new Date('2026-12-01T02:00:00Z'));
    const shiftId = shift.data.createVolunteerShift.shift.id;
    const hours = await service.graphql(
      `mutation($s: ID!) { recordVolunteerHours(input: { shiftId: $s, residentId: "ghost-resident" }) { record { id } } }`,
      { s: shiftId },
    );
    expect(hours.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(await service.orm.em.fork().count(VolunteerService, {})).toBe(0);
  });
});
