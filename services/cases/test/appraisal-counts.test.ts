import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EvaluationGrade } from '@shequ/contracts';
import { startTestSubgraph, type TestSubgraph, largestStatementResult } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { drawRaters, staffAppraisal } from '../src/application/appraisal-queries.js';
import { appraisalPeriod, appraise } from '../src/domain/appraisal.js';
import { drawSample } from '../src/domain/rater-sampling.js';
import { resolvedOnTime } from '../src/domain/time-limits.js';
import type { AppraisalPeriodKind } from '../src/domain/vocabularies.js';
import { Case, CaseEvaluation, Visit } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

/*
 * 考核 (staffAppraisal) loaded every case the staff resolved in the period and every rating they were given, whole
 * entities, to count them in memory. The database counts them now (cases by work type and on time, ratings by grade
 * and validity: at most a dozen rows); the figures are those of the former computation, kept below as the reference.
 */
const COMMUNITY = '350203008006';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRADES: EvaluationGrade[] = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR', 'GOOD'];

async function inMemory(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  staffId: string,
  period: { kind: AppraisalPeriodKind; year: number; quarter?: number | null },
) {
  const { from, to } = appraisalPeriod(period.kind, period.year, period.quarter);
  const cases = await em.find(Case, {
    $and: [...scope, { assigneeStaffId: { $in: [staffId] } }, { resolvedAt: { $gte: from, $lt: to } }],
  });
  const ratings = await em.find(CaseEvaluation, { staffId: { $in: [staffId] }, evaluatedAt: { $gte: from, $lt: to } });
  const figures = appraise(
    cases.map((c) => ({
      workType: c.workType,
      resolvedAt: c.resolvedAt!,
      onTime: resolvedOnTime(c.resolvedAt, c.resolveDueAt)!,
    })),
    ratings.map((r) => ({ grade: r.grade, valid: r.valid })),
  );
  return { ...figures, from, to };
}

/** The former drawing of raters: every case and visit of the period loaded as entities. */
async function drawnInMemory(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  command: { staffId: string; kind: AppraisalPeriodKind; year: number; count: number; seed: string },
) {
  const { from, to } = appraisalPeriod(command.kind, command.year);
  const cases = await em.find(Case, {
    $and: [
      ...scope,
      { assigneeStaffId: command.staffId, resolvedAt: { $gte: from, $lt: to }, reporterId: { $ne: null } },
    ],
  });
  const visits = await em.find(Visit, {
    communityId: COMMUNITY,
    staffId: command.staffId,
    visitedAt: { $gte: from, $lt: to },
    residentId: { $ne: null },
  });
  return drawSample(
    [...cases.map((c) => c.reporterId!), ...visits.map((v) => v.residentId!)],
    command.count,
    command.seed,
  );
}

describe.each(testDialects())('staffAppraisal counted by the database on %s', (dialect) => {
  let service: TestSubgraph;
  const fresh = () => service.orm.em.fork();

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, { dialect });
    const em = fresh();
    // 60 cases over 2025-2026 for two staff: daily and ad hoc, on time, late and exactly at the limit; ratings of each
    for (let i = 0; i < 60; i++) {
      const opened = new Date(Date.UTC(2025, 6, 1) + i * 7 * DAY);
      const resolveDueAt = new Date(opened.getTime() + 7 * DAY);
      const late = i % 4 === 0 ? 2 * DAY : i % 4 === 1 ? 0 : -DAY;
      const id = `case-${i}`;
      em.create(Case, {
        id,
        communityId: COMMUNITY,
        number: `SQ-APR-${i}`,
        category: 'SANITATION',
        channel: 'WALK_IN',
        department: 'COMPREHENSIVE_GOVERNANCE',
        description: '楼道堆放杂物',
        gridId: 'grid-1',
        openedAt: opened,
        acknowledgeDueAt: new Date(opened.getTime() + HOUR),
        resolveDueAt,
        resolvedAt: new Date(resolveDueAt.getTime() + late),
        status: 'RESOLVED',
        workType: i % 3 === 0 ? 'AD_HOC' : 'DAILY',
        assigneeStaffId: i % 5 === 0 ? 'staff-2' : 'staff-1',
        reporterId: i % 7 === 6 ? null : `res-${i % 4}`,
      } as never);
      // a visit a week by staff-1, to four residents (one also a reporter) and a household without a named resident
      em.create(Visit, {
        id: `visit-${i}`,
        communityId: COMMUNITY,
        staffId: 'staff-1',
        householdId: 'hh-1',
        residentId: i % 5 === 4 ? null : `res-${3 + (i % 4)}`,
        visitedAt: new Date(opened.getTime() + DAY),
        notes: '走访',
      });
      if (i % 2 === 0)
        em.create(CaseEvaluation, {
          id: `evaluation-${i}`,
          communityId: COMMUNITY,
          caseId: id,
          staffId: i % 5 === 0 ? 'staff-2' : 'staff-1',
          grade: GRADES[i % GRADES.length],
          reason: '评议',
          valid: i % 6 !== 0,
          raterKind: 'REPORTER',
          evaluatedAt: new Date(resolveDueAt.getTime() + 3 * DAY),
        } as never);
    }
    await em.flush();
  });
  afterAll(() => service?.stop());

  /** Runs `work`, telling the most rows any one statement returned (libs/subgraph `largestStatementResult`). */
  const largestResult = <T>(work: () => Promise<T>) => largestStatementResult(service.orm, work);

  it('gives the figures of the former computation, reading no statement that grows with the cases', async () => {
    const scope: FilterQuery<Case>[] = [{ communityId: COMMUNITY }];
    const periods = [
      { kind: 'YEAR' as const, year: 2025 },
      { kind: 'YEAR' as const, year: 2026 },
      { kind: 'QUARTER' as const, year: 2026, quarter: 1 },
      { kind: 'YEAR' as const, year: 2024 },
    ];
    for (const staffId of ['staff-1', 'staff-2', 'staff-none'])
      for (const period of periods) {
        const expected = await inMemory(fresh(), scope, staffId, period);
        const { value, largest } = await largestResult(() => staffAppraisal(fresh(), scope, { staffId }, period));
        expect(value, `${staffId} ${JSON.stringify(period)}`).toEqual(expected);
        expect(largest).toBeLessThanOrEqual(8);
      }
    const year = await staffAppraisal(fresh(), scope, { staffId: 'staff-1' }, periods[1]);
    expect(year.total.casesHandled).toBeGreaterThan(20);
    expect(year.total.onTime).toBeLessThan(year.total.casesHandled);
    expect(year.invalidRatings).toBeGreaterThan(0);
  });

  it('draws the raters the former drawing drew, reading each resident served once', async () => {
    const scope: FilterQuery<Case>[] = [{ communityId: COMMUNITY }];
    for (const staffId of ['staff-1', 'staff-2'])
      for (const year of [2025, 2026])
        for (const [count, seed] of [
          [3, '2026-考核'],
          [100, 'all'],
          [1, 'x'],
        ] as const) {
          const command = { staffId, kind: 'YEAR' as const, year, count, seed };
          const expected = await drawnInMemory(fresh(), scope, command);
          const { value, largest } = await largestResult(() => drawRaters(fresh(), scope, COMMUNITY, command));
          expect(value, JSON.stringify(command)).toEqual(expected);
          // the residents served: four reporters and four visited at most, never the cases and visits themselves
          expect(largest).toBeLessThanOrEqual(4);
        }
    const all = await drawRaters(fresh(), scope, COMMUNITY, {
      staffId: 'staff-1',
      kind: 'YEAR',
      year: 2026,
      count: 100,
      seed: 's',
    });
    expect([...all].sort()).toEqual(['res-0', 'res-1', 'res-2', 'res-3', 'res-4', 'res-5', 'res-6']);
  });
});
