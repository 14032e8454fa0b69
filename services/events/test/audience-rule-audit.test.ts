import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shequ/subgraph';
import {
  announcedReads,
  knownReferences,
  startTestSubgraph,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ResidentProfile } from '../src/entities/index.js';
import { eventsService } from '../src/service.js';

// 文化 (culture) reads a resident's age today but not the birth date. An audience's age rule decides on the birth
// date on the event's day, a day the organiser chooses: before, its refusal gave the age on that day («该居民活动当天
// 59 周岁») and nothing reached the audit trail, so ages on chosen days (or the yes/no of registering, or of moving an
// event with one registrant) bisected the birthday unseen. Now the refusal says only that the age does not fit to a
// caller who may not read birth dates, and each use of the rule on a resident's birth date (registering, moving an
// event with an audience) is in that resident's trail (`audit.pii_read` through the outbox), passed or refused.
const COMMUNITY = '350203008006';
const culture: Caller = { role: 'culture' };
const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { registration { id status } } }`;
const RESCHEDULE = `mutation($input: RescheduleCommunityEventInput!) { rescheduleCommunityEvent(input: $input) { event { id } } }`;

describe.each(testDialects())('the audience age rule for a caller without birth dates, on %s', (dialect) => {
  let service: TestSubgraph;
  let eventId: string;

  /** The fields of `residentId` that events announced as read by `callerId`, with the trail's community. */
  async function auditedFor(
    callerId: string,
    residentId: string,
  ): Promise<Array<{ community: string; fields: string[] }>> {
    return (await announcedReads(service, 'events', callerId))
      .filter(({ read }) => read.subjectId === residentId)
      .map(({ communityId, read }) => ({ community: communityId, fields: read.fields }));
  }

  beforeAll(async () => {
    service = await startTestSubgraph(eventsService, {
      dialect,
      clock: new ManualClock(new Date('2026-12-01T02:00:00Z')),
    });
    const em = service.orm.em.fork();
    // 59 on the event's day (2027-01-05), 60 on 2027-03-01
    em.create(ResidentProfile, { residentId: 'r-59', communityId: COMMUNITY, birthDate: '1967-03-01' });
    em.create(ResidentProfile, { residentId: 'r-59-admin', communityId: COMMUNITY, birthDate: '1967-03-01' });
    em.create(ResidentProfile, { residentId: 'r-old', communityId: COMMUNITY, birthDate: '1950-01-01' });
    em.create(ResidentProfile, { residentId: 'r-unknown', communityId: COMMUNITY, birthDate: null });
    await em.flush();
    await knownReferences(service, [
      { kind: 'RESIDENT', id: 'r-59' },
      { kind: 'RESIDENT', id: 'r-59-admin' },
      { kind: 'RESIDENT', id: 'r-old' },
      { kind: 'RESIDENT', id: 'r-unknown' },
    ]);
    const planned = await service.graphql(
      `mutation($input: PlanCommunityEventInput!) { planCommunityEvent(input: $input) { event { id } } }`,
      {
        input: {
          title: '老年健康讲座',
          type: 'LECTURE',
          startsAt: '2027-01-05T07:00:00Z',
          endsAt: '2027-01-05T09:00:00Z',
          audience: 'ELDERLY',
          organiserKind: 'DEPARTMENT',
          organiserDepartment: 'CULTURE',
        },
      },
      culture,
    );
    expect(planned.errors).toBeUndefined();
    eventId = planned.data.planCommunityEvent.event.id;
    const published = await service.graphql(
      `mutation($id: ID!) { publishCommunityEvent(input: { eventId: $id }) { event { status } } }`,
      { id: eventId },
      culture,
    );
    expect(published.errors).toBeUndefined();
  });
  afterAll(() => service?.stop());

  it('refuses culture a resident outside the audience without the age, and audits the use of the birth date', async () => {
    const refused = await service.graphql(REGISTER, { input: { eventId, residentId: 'r-59' } }, culture);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(refused.errors?.[0]?.message).toBe('该活动面向老年人（60 周岁以上），该居民活动当天的年龄不符合条件');
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'residentId',
      audience: 'ELDERLY',
    });
    expect(await auditedFor('test-culture', 'r-59')).toEqual([{ community: COMMUNITY, fields: ['birthDate'] }]);
  });

  it('refuses culture a resident of unknown birth date exactly as one whose age does not fit', async () => {
    // a refusal naming the unknown birth date told a caller who may not read birth dates whether one is on record
    // (the refusal of r-59 for culture, the test above)
    const unknown = await service.graphql(REGISTER, { input: { eventId, residentId: 'r-unknown' } }, culture);
    expect(unknown.errors?.[0]?.message).toBe('该活动面向老年人（60 周岁以上），该居民活动当天的年龄不符合条件');
    expect(unknown.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'residentId',
      audience: 'ELDERLY',
    });
  });

  it('tells a caller who reads birth dates raw that the birth date is unknown', async () => {
    const refused = await service.graphql(REGISTER, { input: { eventId, residentId: 'r-unknown' } });
    expect(refused.errors?.[0]?.message).toBe('该活动面向老年人（60 周岁以上），但居民的出生日期未知，无法核对年龄');
  });

  it('audits the rule passed for culture too', async () => {
    const registered = await service.graphql(REGISTER, { input: { eventId, residentId: 'r-old' } }, culture);
    expect(registered.errors).toBeUndefined();
    expect(await auditedFor('test-culture', 'r-old')).toEqual([{ community: COMMUNITY, fields: ['birthDate'] }]);
  });

  it('tells a caller who reads birth dates raw the age, the use audited', async () => {
    const refused = await service.graphql(REGISTER, { input: { eventId, residentId: 'r-59-admin' } });
    expect(refused.errors?.[0]?.message).toBe('该活动面向老年人（60 周岁以上），该居民活动当天 59 周岁，不符合条件');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ age: 59 });
    expect(await auditedFor('test-community_admin', 'r-59-admin')).toEqual([
      { community: COMMUNITY, fields: ['birthDate'] },
    ]);
  });

  it('audits the rule on each registrant when an event with an audience moves to another day', async () => {
    const moved = await service.graphql(
      RESCHEDULE,
      { input: { eventId, startsAt: '2027-01-12T07:00:00Z', endsAt: '2027-01-12T09:00:00Z' } },
      culture,
    );
    expect(moved.errors).toBeUndefined();
    // registering, then moving: two uses of r-old's birth date by culture
    expect(await auditedFor('test-culture', 'r-old')).toHaveLength(2);
    expect(await auditedFor('test-culture', 'r-59')).toHaveLength(1);
  });
});
