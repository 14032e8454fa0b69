import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';
import { ReferenceProjection } from '@shequ/subgraph';
import { appraisalPeriod, appraise, type AppraisalFigures } from '../domain/appraisal.js';
import { drawSample } from '../domain/rater-sampling.js';
import { resolvedOnTime } from '../domain/time-limits.js';
import type { AppraisalPeriodKind } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { CaseEvaluation } from '../entities/case-evaluation.js';
import { Visit } from '../entities/visit.js';

export interface AppraisalSubject {
  staffId?: string | null;
  department?: string | null;
}

/**
 * Whose work is appraised: one staff member, or the staff of a department (by the department residents records for
 * each staff member in this service's reference projection) — what that department's staff did, whichever
 * department's category the case was.
 */
async function subjectStaffIds(em: EntityManager, subject: AppraisalSubject): Promise<string[]> {
  if (!!subject.staffId === !!subject.department)
    throw new InvalidInputError('staffId', '请指定社区工作者或部门（二选一）');
  if (subject.staffId) return [subject.staffId];
  const staff = await em.find(
    ReferenceProjection,
    { kind: 'STAFF', department: subject.department },
    { fields: ['id'], orderBy: { id: 'asc' } },
  );
  return staff.map((s) => s.id);
}

/** 考核: cases resolved in the period by the staff member (or a department's staff), with the ratings given in the period. */
export async function staffAppraisal(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  subject: AppraisalSubject,
  period: { kind: AppraisalPeriodKind; year: number; quarter?: number | null },
): Promise<AppraisalFigures & { from: Date; to: Date }> {
  const { from, to } = appraisalPeriod(period.kind, period.year, period.quarter);
  const staffIds = await subjectStaffIds(em, subject);
  const cases = await em.find(Case, {
    $and: [...scope, { assigneeStaffId: { $in: staffIds } }, { resolvedAt: { $gte: from, $lt: to } }],
  });
  // Ratings are of the staff member who handled the case (recorded on the rating).
  const evaluationWhere: FilterQuery<CaseEvaluation> = {
    staffId: { $in: staffIds },
    evaluatedAt: { $gte: from, $lt: to },
  };
  const ratings = await em.find(CaseEvaluation, evaluationWhere);
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

/**
 * 抽取评议人: residents served by the staff member in the period (reporters of cases they resolved, residents they
 * visited), `count` of them drawn reproducibly from `seed`.
 */
export async function drawRaters(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  communityId: string,
  command: {
    staffId: string;
    kind: AppraisalPeriodKind;
    year: number;
    quarter?: number | null;
    count: number;
    seed: string;
  },
): Promise<string[]> {
  if (command.count < 1 || command.count > 100) throw new InvalidInputError('count', '抽取人数须在 1 到 100 之间');
  if (!command.seed.trim()) throw new InvalidInputError('seed', '请提供抽样种子（用于复核）');
  const { from, to } = appraisalPeriod(command.kind, command.year, command.quarter);
  const cases = await em.find(Case, {
    $and: [
      ...scope,
      { assigneeStaffId: command.staffId, resolvedAt: { $gte: from, $lt: to }, reporterId: { $ne: null } },
    ],
  });
  const visits = await em.find(Visit, {
    communityId,
    staffId: command.staffId,
    visitedAt: { $gte: from, $lt: to },
    residentId: { $ne: null },
  });
  const served = [...cases.map((c) => c.reporterId!), ...visits.map((v) => v.residentId!)];
  return drawSample(served, command.count, command.seed);
}
