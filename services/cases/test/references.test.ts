import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentRegistered, StaffRegistered } from '@shequ/contracts';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import {
  startTestSubgraph,
  TestEventPublisher,
  unresolvedReferences,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { Case, CaseEvaluation, CaseTimelineEntry, Mediation, Visit } from '../src/entities/index.js';
import { buildCasesSchema } from '../src/graphql/schema.js';
import { casesService } from '../src/service.js';

const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id status } } }`;
const ASSIGN = `mutation($input: AssignCaseInput!) { assignCase(input: $input) { case { status } } }`;
const MEDIATE = `mutation($input: StartMediationInput!) { startMediation(input: $input) { mediation { id } } }`;
const VISIT = `mutation($input: LogVisitInput!) { logVisit(input: $input) { visit { id } } }`;
const staff: Caller = { role: 'community_admin', subject: 'staff-zongzhi', department: 'COMPREHENSIVE_GOVERNANCE' };
const notStaff: Caller = { role: 'community_admin', subject: 'user-not-staff', department: 'COMPREHENSIVE_GOVERNANCE' };
const leaver: Caller = { role: 'community_admin', subject: 'staff-left', department: 'COMPREHENSIVE_GOVERNANCE' };

describe.each(testDialects())('references to residents’ records in cases on %s (real nats-server)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  let caseId: string;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  const count = (
    entity: typeof Case | typeof CaseEvaluation | typeof Mediation | typeof Visit | typeof CaseTimelineEntry,
  ) => service.orm.em.fork().count(entity, {});

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock });
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
    await residents.publish(StaffRegistered, {
      staffId: 'staff-zongzhi',
      department: 'COMPREHENSIVE_GOVERNANCE',
      gridIds: [],
      active: true,
    });
    await residents.publish(StaffRegistered, {
      staffId: 'staff-left',
      department: 'COMPREHENSIVE_GOVERNANCE',
      gridIds: [],
      active: false,
    });
    await waitFor(
      async () =>
        (await service.orm.em.fork().count(ReferenceProjection, { kind: { $in: ['RESIDENT', 'STAFF'] } })) === 3,
      { what: 'the reference projection' },
    );
    const opened = await service.graphql(
      OPEN,
      {
        input: { reporterId: 'res-1', category: 'NEIGHBOUR_DISPUTE', channel: 'WALK_IN', description: '邻里噪音纠纷' },
      },
      staff,
    );
    expect(opened.errors).toBeUndefined();
    caseId = opened.data.openCase.case.id;
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses free texts over 2,000 characters (a visit’s notes and follow-ups, a step’s note), writing nothing', async () => {
    // these texts are unbounded columns: a 30,000-character 民情日记 was stored whole on both dialects
    const [visits, steps] = [await count(Visit), await count(CaseTimelineEntry)];
    const long = '走访'.repeat(1000) + '。';
    for (const input of [
      { residentId: 'res-1', notes: long },
      { residentId: 'res-1', notes: '上门走访，老人身体尚好', followUps: long },
    ]) {
      const result = await service.graphql(VISIT, { input }, staff);
      expect(result.errors?.[0]?.extensions, JSON.stringify(result)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'notes' in input && input.notes === long ? 'notes' : 'followUps',
      });
    }
    const note = await service.graphql(
      ASSIGN,
      { input: { caseId, assigneeStaffId: 'staff-zongzhi', note: long } },
      staff,
    );
    expect(note.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect([await count(Visit), await count(CaseTimelineEntry)]).toEqual([visits, steps]);
  });

  it('refuses assignCase(assigneeStaffId: "ghost"): the case stays RECEIVED with no timeline step', async () => {
    const steps = await count(CaseTimelineEntry);
    const result = await service.graphql(ASSIGN, { input: { caseId, assigneeStaffId: 'ghost' } }, staff);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assigneeStaffId' });
    const record = await service.orm.em.fork().findOneOrFail(Case, caseId);
    expect(record).toMatchObject({ status: 'RECEIVED', assigneeStaffId: null });
    expect(await count(CaseTimelineEntry)).toBe(steps);
    const ok = await service.graphql(ASSIGN, { input: { caseId, assigneeStaffId: 'staff-zongzhi' } }, staff);
    expect(ok.data.assignCase.case.status).toBe('ASSIGNED');
  });

  it('refuses a mediation with an unknown mediator or an unknown party', async () => {
    const parties = [{ residentId: 'res-1' }, { description: '楼上住户' }];
    const ghost = await service.graphql(MEDIATE, { input: { caseId, mediatorStaffId: 'ghost', parties } }, staff);
    expect(ghost.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mediatorStaffId' });
    const ghostParty = await service.graphql(
      MEDIATE,
      { input: { caseId, mediatorStaffId: 'staff-zongzhi', parties: [{ residentId: 'ghost-resident' }, parties[1]] } },
      staff,
    );
    expect(ghostParty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parties.0.residentId' });
    expect(await count(Mediation)).toBe(0);
  });

  it('refuses a visit logged by a user who is not a staff member, or to an unknown household', async () => {
    // the visitor is the caller, not a field of LogVisitInput: the refusal names the caller, no input field
    const byOutsider = await service.graphql(VISIT, { input: { householdId: 'hh-1', notes: '入户走访' } }, notStaff);
    expect(byOutsider.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(byOutsider.errors?.[0]?.extensions).not.toHaveProperty('field');
    expect(byOutsider.errors?.[0]?.message).toBe(
      '没有权限：走访须由本社区在册的社区工作者本人登记，当前登录用户不在本社区的社区工作者名册中',
    );
    const byLeaver = await service.graphql(VISIT, { input: { householdId: 'hh-1', notes: '入户走访' } }, leaver);
    expect(byLeaver.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(byLeaver.errors?.[0]?.message).toBe('没有权限：当前登录用户在社区工作者名册中已离岗，不能登记走访');
    const ghostHousehold = await service.graphql(
      VISIT,
      { input: { householdId: 'hh-ghost', notes: '入户走访' } },
      staff,
    );
    expect(ghostHousehold.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdId' });
    expect(await count(Visit)).toBe(0);
    const ok = await service.graphql(VISIT, { input: { householdId: 'hh-1', notes: '入户走访' } }, staff);
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a visit dated in 1990, more than 30 days back, in the future or before its case was received', async () => {
    // clock: 2026-06-30T02:00Z (2026-06-30 in the community); the case was received then
    const visits = await count(Visit);
    const steps = await count(CaseTimelineEntry);
    const visit = (visitedAt: string, extra: Record<string, unknown> = {}) =>
      service.graphql(VISIT, { input: { residentId: 'res-1', visitedAt, notes: '入户走访', ...extra } }, staff);
    for (const [visitedAt, message] of [
      ['1990-03-01T02:00:00Z', '走访时间不能早于 2026-05-31：民情日记须在走访后 30 天内登记'],
      ['2026-05-30T15:59:00Z', '走访时间不能早于 2026-05-31：民情日记须在走访后 30 天内登记'],
      ['2026-06-30T02:01:00Z', '走访时间不能晚于当前时间'],
    ]) {
      const refused = await visit(visitedAt);
      expect(refused.errors?.[0]?.extensions, visitedAt).toMatchObject({ code: 'BAD_USER_INPUT', field: 'visitedAt' });
      expect(refused.errors?.[0]?.message).toBe(message);
    }
    const beforeCase = await visit('2026-06-29T02:00:00Z', { caseId });
    expect(beforeCase.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'visitedAt' });
    expect(beforeCase.errors?.[0]?.message).toBe('走访时间不能早于所关联事项的受理时间');
    expect([await count(Visit), await count(CaseTimelineEntry)]).toEqual([visits, steps]);
    // 2026-05-31 in the community (from 2026-05-30T16:00Z): logged within the 30 days, it stands, with when it was logged
    const late = await visit('2026-05-30T16:00:00Z');
    expect(late.errors).toBeUndefined();
    const stored = await service.orm.em.fork().findOneOrFail(Visit, late.data.logVisit.visit.id);
    expect(stored.loggedAt?.toISOString()).toBe('2026-06-30T02:00:00.000Z');
    await service.orm.em.fork().nativeDelete(Visit, { id: stored.id });
  });

  it('refuses a case reported by an unknown resident', async () => {
    const cases = await count(Case);
    const result = await service.graphql(
      OPEN,
      { input: { reporterId: 'ghost-resident', category: 'SANITATION', channel: 'ONLINE', description: '楼道堆物' } },
      staff,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterId' });
    expect(await count(Case)).toBe(cases);
  });

  it('refuses a visit to an unknown resident and an evaluation by an unknown rater, writing nothing', async () => {
    const visits = await count(Visit);
    const ghostResident = await service.graphql(
      VISIT,
      { input: { householdId: 'hh-1', residentId: 'ghost-resident', notes: '入户走访' } },
      staff,
    );
    expect(ghostResident.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    expect(await count(Visit)).toBe(visits);
    for (const raterKind of ['REPORTER', 'SAMPLED']) {
      const rated = await service.graphql(
        `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { evaluation { grade } } }`,
        { input: { caseId, grade: 'GOOD', raterKind, raterResidentId: 'ghost-resident' } },
        staff,
      );
      expect(rated.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'raterResidentId' });
      expect(rated.errors?.[0]?.message).toContain('不存在或不属于本社区');
    }
    expect(await count(CaseEvaluation)).toBe(0);
  });

  it('keeps answering a household’s visits when a visitor cannot be resolved (nullable staff)', async () => {
    // A visit stored before references were checked, by an id residents does not know.
    const visit = await service.orm.em.fork().findOneOrFail(Visit, { householdId: 'hh-1' });
    await service.orm.em.fork().nativeUpdate(Visit, { id: visit.id }, { staffId: 'legacy-user' });
    // what the demo-rules tests use to check seeded ids finds it
    expect(await unresolvedReferences(service, [{ entity: Visit, field: 'staffId', kind: 'STAFF' }])).toEqual([
      'Visit.staffId=legacy-user',
    ]);
    const result = await service.graphql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Household { visits { staff { id } notes } } } }`,
      { reps: [{ __typename: 'Household', id: 'hh-1' }] },
      staff,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].visits).toEqual([{ staff: { id: 'legacy-user' }, notes: '入户走访' }]);
  });
});

describe('fields of cases that point at residents’ records', () => {
  it('are nullable, list items too: an unresolvable resident or staff member is null with its error, never the list', async () => {
    const { schema } = await buildCasesSchema();
    const typeOf = (parent: string, field: string) =>
      String((schema.getType(parent) as GraphQLObjectType).getFields()[field].type);
    // a root field is nullable like every root field (its service may be down); its items are nullable too
    expect(typeOf('Query', 'drawRaters')).toBe('[Resident]');
    expect(typeOf('Case', 'assignee')).toBe('Staff');
    expect(typeOf('StaffVisit', 'staff')).toBe('Staff');
    expect(typeOf('StaffVisit', 'resident')).toBe('Resident');
  });
});

describe.each(testDialects())('a visit while the staff register cannot be checked on %s', (dialect) => {
  let service: TestSubgraph;
  beforeAll(async () => {
    // no NATS: the reference projection is still catching up
    service = await startTestSubgraph(casesService, { dialect });
  });
  afterAll(() => service?.stop());

  it('is refused with a retryable NOT_YET_SYNCED naming no input field, nothing written', async () => {
    const result = await service.graphql(VISIT, { input: { householdId: 'hh-1', notes: '入户走访' } }, staff);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_YET_SYNCED', retryable: true });
    expect(result.errors?.[0]?.extensions).not.toHaveProperty('field');
    expect(result.errors?.[0]?.message).toContain('尚未同步，请稍后重试');
    expect(await service.orm.em.fork().count(Visit, {})).toBe(0);
  });
});
