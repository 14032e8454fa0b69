import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridRegistered, ResidentRegistered } from '@shequ/contracts';
import { ManualClock } from '@shequ/subgraph';
import {
  knownReferences,
  startTestSubgraph,
  TestEventPublisher,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { ResidentProjection } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const HOUR = 3_600_000;
const staffE: Caller = { role: 'community_admin', subject: 'staff-e', department: 'COMPREHENSIVE_GOVERNANCE' };
const analyst: Caller = { role: 'analyst', community: '350203' };

const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id status workType } } }`;
const ASSIGN = `mutation($input: AssignCaseInput!) { assignCase(input: $input) { case { status } } }`;
const START = `mutation($input: CaseNoteInput!) { startCase(input: $input) { case { status } } }`;
const RESOLVE = `mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { case { status } } }`;
const EVALUATE = `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { evaluation { grade valid invalidReason raterKind } } }`;
const APPRAISAL = `query($staffId: ID, $department: Department, $period: StaffAppraisalPeriodInput!) {
  staffAppraisal(staffId: $staffId, department: $department, period: $period) {
    total { casesHandled onTime onTimeRate } dailyWork { casesHandled onTime onTimeRate } adHocTasks { casesHandled onTime onTimeRate }
    validRatings { excellent good fair poor } invalidRatings ratingScore score
  }
}`;
const DRAW = `query($period: StaffAppraisalPeriodInput!, $count: Int!, $seed: String!) { drawRaters(staffId: "staff-e", period: $period, count: $count, seed: $seed) { id } }`;
const STATS = `query($groupBy: [CaseStatisticsDimension!]!, $filter: CaseStatisticsFilter) {
  caseStatistics(groupBy: $groupBy, filter: $filter) { department month category count resolved onTimeRate averageResolutionHours ratings { excellent good fair poor } suppressed }
}`;
const Q1 = { kind: 'QUARTER', year: 2026, quarter: 1 };

describe.each(testDialects())('evaluation, appraisal, mediation and statistics on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-01-05T02:00:00Z'));
  const ids: Record<string, string> = {};

  const call = async (query: string, variables: Record<string, unknown>, caller: Caller = staffE) => {
    const result = await service.graphql(query, variables, caller);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  /** Opens at `openedAt`, assigns to staff-e, starts, and resolves `hours` later (unless null). */
  const handled = async (
    name: string,
    reporterId: string,
    category: string,
    channel: string,
    openedAt: string,
    hours: number | null,
    assignee = 'staff-e',
  ) => {
    clock.set(new Date(openedAt));
    const { openCase } = await call(OPEN, {
      input: { reporterId, category, channel, description: `测试事项 ${name}` },
    });
    ids[name] = openCase.case.id;
    await call(ASSIGN, { input: { caseId: ids[name], assigneeStaffId: assignee } });
    await call(START, { input: { caseId: ids[name] } });
    if (hours === null) return;
    clock.advance(hours * HOUR);
    await call(RESOLVE, { input: { caseId: ids[name], resolutionNote: '已办结' } });
  };
  const evaluate = (
    name: string,
    grade: string,
    reason: string | null,
    raterResidentId: string,
    raterKind = 'REPORTER',
  ) => service.graphql(EVALUATE, { input: { caseId: ids[name], grade, reason, raterKind, raterResidentId } }, staffE);

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock });
    await knownReferences(service, [
      ...['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r9', 'r-grid'].map((id) => ({ kind: 'RESIDENT' as const, id })),
      { kind: 'STAFF', id: 'staff-e', department: 'COMPREHENSIVE_GOVERNANCE' },
      { kind: 'STAFF', id: 'staff-gw3', department: 'GRID' },
      { kind: 'HOUSEHOLD', id: 'hh-7' },
      { kind: 'HOUSEHOLD', id: 'hh-grid' },
    ]);
    publisher = new TestEventPublisher(nats.url);
    // Fixture (hand-computed below): staff-e handles six cases, four resolved in Q1 2026.
    await handled('c1', 'r1', 'HOUSING_REPAIR', 'HOTLINE', '2026-01-05T02:00:00Z', 24); // 5-day limit: on time
    await handled('c2', 'r2', 'SANITATION', 'GRID_PATROL', '2026-01-10T02:00:00Z', 96); // 3-day limit: late
    await handled('c3', 'r3', 'OTHER', 'REFERRED', '2026-02-01T02:00:00Z', 48); // ad-hoc, 7 days: on time
    await handled('c4', 'r4', 'CERTIFICATE', 'WALK_IN', '2026-02-10T02:00:00Z', 1); // 2 days: on time
    await handled('c5', 'r5', 'SUGGESTION', 'RESIDENT_DIALOGUE', '2026-03-20T02:00:00Z', null); // still open
    await handled('c6', 'r6', 'NEIGHBOUR_DISPUTE', 'WALK_IN', '2026-03-30T02:00:00Z', 144); // resolved in Q2, on time
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('keeps 优 and 差 without a reason as invalid evaluations, with why; only the reporter rates as reporter; once per rater', async () => {
    clock.set(new Date('2026-03-01T02:00:00Z'));
    expect((await evaluate('c1', 'EXCELLENT', '当天上门查看，两天修好', 'r1')).data.evaluateCase.evaluation).toEqual({
      grade: 'EXCELLENT',
      valid: true,
      invalidReason: null,
      raterKind: 'REPORTER',
    });
    const poor = (await evaluate('c2', 'POOR', null, 'r2')).data.evaluateCase.evaluation;
    expect(poor).toMatchObject({ grade: 'POOR', valid: false, invalidReason: expect.stringContaining('理由') });
    const notServed = await evaluate('c3', 'GOOD', null, 'r9', 'SAMPLED');
    expect(notServed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'raterResidentId' });
    expect((await evaluate('c3', 'GOOD', null, 'r1', 'SAMPLED')).data.evaluateCase.evaluation).toMatchObject({
      valid: true,
      raterKind: 'SAMPLED',
    });
    expect((await evaluate('c4', 'EXCELLENT', '', 'r4')).data.evaluateCase.evaluation.valid).toBe(false);

    expect((await evaluate('c1', 'GOOD', null, 'r3')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'raterResidentId',
    });
    expect((await evaluate('c1', 'GOOD', null, 'r1')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await evaluate('c5', 'GOOD', null, 'r5')).errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      status: 'IN_PROGRESS',
    });
    const byGridWorker = await service.graphql(
      EVALUATE,
      { input: { caseId: ids.c1, grade: 'GOOD', raterKind: 'SAMPLED', raterResidentId: 'r2' } },
      { role: 'grid_worker' },
    );
    expect(byGridWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('appraises a staff member for a quarter and a year against the hand-computed fixture, daily work and ad-hoc tasks apart', async () => {
    // Q1: c1 on time, c2 late, c3 (ad-hoc) on time, c4 on time → 3/4; daily 2/3, ad-hoc 1/1.
    // Valid ratings 优 (c1), 良 (c3) → (100 + 80) / 2 = 90; two invalid. Score 0.6 × 90 + 0.4 × 75 = 84.
    const { staffAppraisal } = await call(APPRAISAL, { staffId: 'staff-e', period: Q1 });
    expect(staffAppraisal).toEqual({
      total: { casesHandled: 4, onTime: 3, onTimeRate: 0.75 },
      dailyWork: { casesHandled: 3, onTime: 2, onTimeRate: 0.6667 },
      adHocTasks: { casesHandled: 1, onTime: 1, onTimeRate: 1 },
      validRatings: { excellent: 1, good: 1, fair: 0, poor: 0 },
      invalidRatings: 2,
      ratingScore: 90,
      score: 84,
    });
    // Year: c6 (resolved 5 Apr, on time) joins → 4/5 = 0.8; score 0.6 × 90 + 0.4 × 80 = 86.
    const year = (await call(APPRAISAL, { staffId: 'staff-e', period: { kind: 'YEAR', year: 2026 } })).staffAppraisal;
    expect(year).toMatchObject({ total: { casesHandled: 5, onTime: 4, onTimeRate: 0.8 }, score: 86 });
    // Department 综治城管 in Q1 counts what its staff did: staff-e is its only member, so the same figures (whatever
    // department the cases' categories belong to).
    const department = (await call(APPRAISAL, { department: 'COMPREHENSIVE_GOVERNANCE', period: Q1 })).staffAppraisal;
    expect(department).toMatchObject({
      total: { casesHandled: 4, onTime: 3, onTimeRate: 0.75 },
      validRatings: { excellent: 1, good: 1 },
      invalidRatings: 2,
      score: 84,
    });

    const both = await service.graphql(APPRAISAL, { staffId: 'staff-e', department: 'OFFICE', period: Q1 }, staffE);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staffId' });
    const noQuarter = await service.graphql(
      APPRAISAL,
      { staffId: 'staff-e', period: { kind: 'QUARTER', year: 2026 } },
      staffE,
    );
    expect(noQuarter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quarter' });
  });

  it('draws raters reproducibly from the distinct residents served (reporters of resolved cases and residents visited)', async () => {
    clock.set(new Date('2026-03-15T02:00:00Z'));
    const visited = await service.graphql(
      `mutation { logVisit(input: { householdId: "hh-7", residentId: "r7", notes: "走访了解邻里矛盾" }) { visit { id } } }`,
      {},
      staffE,
    );
    expect(visited.errors).toBeUndefined();
    const first = (await call(DRAW, { period: Q1, count: 3, seed: '2026Q1' })).drawRaters.map((r: any) => r.id);
    expect(new Set(first).size).toBe(3);
    for (const id of first) expect(['r1', 'r2', 'r3', 'r4', 'r7']).toContain(id);
    expect((await call(DRAW, { period: Q1, count: 3, seed: '2026Q1' })).drawRaters.map((r: any) => r.id)).toEqual(
      first,
    );
    const all = (await call(DRAW, { period: Q1, count: 10, seed: 'x' })).drawRaters.map((r: any) => r.id);
    expect([...all].sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r7']);
    const draws = new Set<string>();
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f'])
      draws.add((await call(DRAW, { period: Q1, count: 2, seed })).drawRaters.map((r: any) => r.id).join());
    expect(draws.size).toBeGreaterThan(1);
  });

  it('records a mediation for a dispute: parties, sessions, outcome, on the case’s timeline', async () => {
    clock.set(new Date('2026-04-01T02:00:00Z'));
    const START_MEDIATION = `mutation($input: StartMediationInput!) { startMediation(input: $input) { mediation { id outcome parties { resident { id } description } } } }`;
    const oneParty = await service.graphql(
      START_MEDIATION,
      { input: { caseId: ids.c6, mediatorStaffId: 'staff-e', parties: [{ residentId: 'r6' }] } },
      staffE,
    );
    expect(oneParty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parties' });
    const started = (
      await call(START_MEDIATION, {
        input: {
          caseId: ids.c6,
          mediatorStaffId: 'staff-e',
          parties: [{ residentId: 'r6' }, { description: '楼上租户' }],
        },
      })
    ).startMediation.mediation;
    expect(started).toMatchObject({
      outcome: 'PENDING',
      parties: [
        { resident: { id: 'r6' }, description: null },
        { resident: null, description: '楼上租户' },
      ],
    });
    const CONCLUDE = `mutation($input: ConcludeMediationInput!) { concludeMediation(input: $input) { mediation { outcome agreement sessions { notes } } } }`;
    const early = await service.graphql(
      CONCLUDE,
      { input: { mediationId: started.id, agreementReached: false } },
      staffE,
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const in2031 = await service.graphql(
      `mutation($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { mediation { id } } }`,
      { input: { mediationId: started.id, heldAt: '2031-04-01T06:00:00Z', notes: '双方到场' } },
      staffE,
    );
    expect(in2031.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'heldAt' });
    clock.set(new Date('2026-04-01T09:00:00Z'));
    await call(
      `mutation($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { mediation { id } } }`,
      {
        input: { mediationId: started.id, heldAt: '2026-04-01T06:00:00Z', notes: '双方到场，约定装修时间' },
      },
    );
    const noText = await service.graphql(
      CONCLUDE,
      { input: { mediationId: started.id, agreementReached: true } },
      staffE,
    );
    expect(noText.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agreement' });
    const concluded = (
      await call(CONCLUDE, { input: { mediationId: started.id, agreementReached: true, agreement: '晚八点后不施工' } })
    ).concludeMediation.mediation;
    expect(concluded).toEqual({
      outcome: 'AGREEMENT_REACHED',
      agreement: '晚八点后不施工',
      sessions: [{ notes: '双方到场，约定装修时间' }],
    });
    const visitedAboutCase = await service.graphql(
      `mutation($caseId: ID!) { logVisit(input: { residentId: "r6", caseId: $caseId, notes: "回访调解协议履行情况" }) { visit { caseId } } }`,
      { caseId: ids.c6 },
      staffE,
    );
    expect(visitedAboutCase.data.logVisit.visit.caseId).toBe(ids.c6);
    const { case: record } = await call(
      `query($id: ID!) { case(id: $id) { mediations { outcome } timeline { action note } } }`,
      { id: ids.c6 },
    );
    expect(record.timeline.filter((t: any) => t.action === 'VISIT')).toEqual([
      { action: 'VISIT', note: '走访：回访调解协议履行情况' },
    ]);
    expect(record.mediations).toEqual([{ outcome: 'AGREEMENT_REACHED' }]);
    expect(record.timeline.filter((t: any) => t.action === 'MEDIATION').map((t: any) => t.note)).toEqual([
      '开始调解（2 方当事人）',
      '调解达成协议',
    ]);
  });

  it('gives analysts grouped statistics without personal data, small groups suppressed; a community admin the exact figures', async () => {
    // 综治城管: c1 24 h on time, c2 96 h late, c6 144 h on time → 3 resolved, 2/3, mean 88 h; valid 优 1.
    // 办公室: c3 48 h, c4 1 h on time, c5 open → 2 resolved, 1.0, mean 24.5 h; valid 良 1.
    // Groups of 3 cases and one rating each: an analyst (no cases:read) sees neither the counts nor the ratings.
    const { caseStatistics } = await call(STATS, { groupBy: ['DEPARTMENT'] }, analyst);
    const hidden = {
      month: null,
      category: null,
      count: null,
      resolved: null,
      onTimeRate: null,
      averageResolutionHours: null,
      ratings: { excellent: null, good: null, fair: null, poor: null },
    };
    expect(caseStatistics).toMatchObject([
      { department: 'COMPREHENSIVE_GOVERNANCE', ...hidden },
      { department: 'OFFICE', ...hidden },
    ]);
    expect(caseStatistics[0].suppressed).toContain('人数少于 5');
    // the community admin (who may read the cases) gets the exact figures
    expect((await call(STATS, { groupBy: ['DEPARTMENT'] })).caseStatistics).toEqual([
      {
        department: 'COMPREHENSIVE_GOVERNANCE',
        month: null,
        category: null,
        count: 3,
        resolved: 3,
        onTimeRate: 0.6667,
        averageResolutionHours: 88,
        ratings: { excellent: 1, good: 0, fair: 0, poor: 0 },
        suppressed: null,
      },
      {
        department: 'OFFICE',
        month: null,
        category: null,
        count: 3,
        resolved: 2,
        onTimeRate: 1,
        averageResolutionHours: 24.5,
        ratings: { excellent: 0, good: 1, fair: 0, poor: 0 },
        suppressed: null,
      },
    ]);
    // a filter narrows the counts, not the groups listed: a department with no case of that category is listed too
    const filtered = (
      await call(STATS, { groupBy: ['DEPARTMENT'], filter: { category: 'NEIGHBOUR_DISPUTE' } }, analyst)
    ).caseStatistics;
    expect(filtered.map((g: any) => [g.department, g.count])).toEqual([
      ['COMPREHENSIVE_GOVERNANCE', null],
      ['OFFICE', null],
    ]);
    const byMonth = (
      await call(
        STATS,
        { groupBy: ['MONTH'], filter: { openedFrom: '2026-01-31T16:00:00Z', openedTo: '2026-02-28T16:00:00Z' } },
        staffE,
      )
    ).caseStatistics;
    expect(byMonth.map((g: any) => [g.month, g.count])).toEqual([['2026-02', 2]]);
    expect(JSON.stringify(caseStatistics)).not.toMatch(/r[1-6]|staff-e/);
    const denied = await service.graphql(APPRAISAL, { staffId: 'staff-e', period: Q1 }, analyst);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('contributes Grid.openCases, Staff.workload and Household.visits', async () => {
    await publisher.publish(GridRegistered, {
      gridId: 'grid-3',
      code: '350203008006-03',
      name: '嘉莲里网格',
      gridWorkerStaffId: 'staff-gw3',
    });
    await publisher.publish(ResidentRegistered, {
      residentId: 'r-grid',
      householdId: 'hh-grid',
      buildingId: 'b-3',
      gridId: 'grid-3',
      gender: 'MALE',
      birthDate: '1980-01-01',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-grid' }), {
      timeoutMs: 30_000,
      what: 'projection',
    });
    const opened = await call(OPEN, {
      input: { reporterId: 'r-grid', category: 'SANITATION', channel: 'ONLINE', description: '垃圾桶满溢' },
    });
    const result = await call(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Grid { id openCases { id status } }
        ... on Staff { id workload { openCases overdueCases resolvedCases } }
        ... on Household { id visits { notes staff { id } } }
      } }`,
      {
        reps: [
          { __typename: 'Grid', id: 'grid-3' },
          { __typename: 'Staff', id: 'staff-e' },
          { __typename: 'Staff', id: 'staff-gw3' },
          { __typename: 'Household', id: 'hh-7' },
        ],
      },
    );
    expect(result._entities).toEqual([
      { id: 'grid-3', openCases: [{ id: opened.openCase.case.id, status: 'ASSIGNED' }] },
      { id: 'staff-e', workload: { openCases: 1, overdueCases: 0, resolvedCases: 5 } },
      { id: 'staff-gw3', workload: { openCases: 1, overdueCases: 0, resolvedCases: 0 } },
      { id: 'hh-7', visits: [{ notes: '走访了解邻里矛盾', staff: { id: 'staff-e' } }] },
    ]);
    const denied = await service.graphql(
      `query { _entities(representations: [{ __typename: "Staff", id: "staff-e" }]) { ... on Staff { workload { openCases } } } }`,
      {},
      analyst,
    );
    expect(denied.data._entities).toEqual([{ workload: null }]);
  });

  it('the appraisal of a department counts what its staff did; a rating found untrue is invalidated with a reason, on the timeline, and leaves the appraisal', async () => {
    const Q1_2027 = { kind: 'QUARTER', year: 2027, quarter: 1 };
    // A sanitation case (a 综治城管 category) handled by grid worker staff-gw3 (网格).
    await handled('g1', 'r-grid', 'SANITATION', 'GRID_PATROL', '2027-01-10T02:00:00Z', 24, 'staff-gw3');
    const grid = (await call(APPRAISAL, { department: 'GRID', period: Q1_2027 })).staffAppraisal;
    expect(grid.total).toEqual({ casesHandled: 1, onTime: 1, onTimeRate: 1 });
    const governance = (await call(APPRAISAL, { department: 'COMPREHENSIVE_GOVERNANCE', period: Q1_2027 }))
      .staffAppraisal;
    expect(governance.total.casesHandled).toBe(0);

    const rated = await call(
      `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { evaluation { id valid } } }`,
      {
        input: {
          caseId: ids.g1,
          grade: 'EXCELLENT',
          reason: '当天清运，非常及时',
          raterKind: 'REPORTER',
          raterResidentId: 'r-grid',
        },
      },
    );
    const evaluationId = rated.evaluateCase.evaluation.id;
    expect((await call(APPRAISAL, { staffId: 'staff-gw3', period: Q1_2027 })).staffAppraisal).toMatchObject({
      validRatings: { excellent: 1 },
      invalidRatings: 0,
      ratingScore: 100,
    });

    const INVALIDATE = `mutation($input: InvalidateCaseEvaluationInput!) { invalidateCaseEvaluation(input: $input) { evaluation { id valid invalidReason } } }`;
    const noReason = await service.graphql(INVALIDATE, { input: { evaluationId, reason: ' ' } }, staffE);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const gridWorker = await service.graphql(
      INVALIDATE,
      { input: { evaluationId, reason: '评议人并非反映人本人' } },
      { role: 'grid_worker', grids: ['350203008006-03'], subject: 'staff-gw3', department: 'GRID' },
    );
    expect(gridWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await call(INVALIDATE, { input: { evaluationId, reason: '经回访核实，评议系工作人员代填' } });
    expect(done.invalidateCaseEvaluation.evaluation).toEqual({
      id: evaluationId,
      valid: false,
      invalidReason: '经查不实：经回访核实，评议系工作人员代填',
    });
    const again = await service.graphql(INVALIDATE, { input: { evaluationId, reason: '重复作废一次' } }, staffE);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await call(APPRAISAL, { staffId: 'staff-gw3', period: Q1_2027 })).staffAppraisal).toMatchObject({
      validRatings: { excellent: 0 },
      ratingScore: null,
    });
    const timeline = await call(`query($id: ID!) { case(id: $id) { timeline { action actorId note } } }`, {
      id: ids.g1,
    });
    expect(timeline.case.timeline.at(-1)).toEqual({
      action: 'INVALIDATE_EVALUATION',
      actorId: 'staff-e',
      note: expect.stringContaining('经查不实：经回访核实，评议系工作人员代填'),
    });
    // when it was rated, on the community's clock as a worker reads it (not an ISO instant in UTC)
    expect(timeline.case.timeline.at(-1).note).toMatch(/（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 评议）/);
  });
});
