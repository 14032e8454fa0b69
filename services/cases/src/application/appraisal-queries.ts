import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { EvaluationGrade } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { ReferenceProjection } from '@shequ/subgraph';
import { appraisalPeriod, appraiseCounts, type AppraisalFigures } from '../domain/appraisal.js';
import { drawSample } from '../domain/rater-sampling.js';
import type { AppraisalPeriodKind } from '../domain/vocabularies.js';
import type { WorkType } from '../domain/work-type.js';
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
  // counted by the database: cases by work type and on time (at most 4 rows), ratings by grade and validity (8)
  const cases = await groupedCounts(
    em,
    Case,
    { $and: [...scope, { assigneeStaffId: { $in: staffIds } }, { resolvedAt: { $gte: from, $lt: to } }] },
    ['e."work_type" as "workType"', 'case when e."resolved_at" <= e."resolve_due_at" then 1 else 0 end as "onTime"'],
  );
  // Ratings are of the staff member who handled the case (recorded on the rating).
  const evaluationWhere: FilterQuery<CaseEvaluation> = {
    staffId: { $in: staffIds },
    evaluatedAt: { $gte: from, $lt: to },
  };
  const ratings = await groupedCounts(em, CaseEvaluation, evaluationWhere, [
    'e."grade" as "grade"',
    'e."valid" as "valid"',
  ]);
  const figures = appraiseCounts(
    cases.map((c) => ({ workType: c.workType as WorkType, onTime: truthy(c.onTime), count: Number(c.n) })),
    ratings.map((r) => ({ grade: r.grade as EvaluationGrade, valid: truthy(r.valid), count: Number(r.n) })),
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
  // the different residents served, read as such (one row each), not every case and visit as an entity
  const reporters = await distinctColumn(
    em,
    Case,
    {
      $and: [
        ...scope,
        { assigneeStaffId: command.staffId, resolvedAt: { $gte: from, $lt: to }, reporterId: { $ne: null } },
      ],
    },
    'reporter_id',
  );
  const visited = await distinctColumn(
    em,
    Visit,
    { communityId, staffId: command.staffId, visitedAt: { $gte: from, $lt: to }, residentId: { $ne: null } },
    'resident_id',
  );
  const served = [...reporters, ...visited];
  return drawSample(served, command.count, command.seed);
}

/** `select <columns>, count(*) as n … group by <columns>` over the rows of `entity` (alias `e`) matching `where`. */
async function groupedCounts<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  columns: readonly string[],
): Promise<Array<Record<string, unknown> & { n: number | string }>> {
  const sqlEm = em as unknown as SqlEntityManager;
  const query = sqlEm.createQueryBuilder(entity, 'e').where(where).getKnexQuery();
  query
    .clearSelect()
    .select(sqlEm.getKnex().raw(`${columns.join(', ')}, count(*) as "n"`))
    .groupByRaw(columns.map((_, i) => String(i + 1)).join(', '));
  const { sql, bindings } = query.toSQL();
  return (await em.getConnection().execute(sql, bindings as unknown[])) as Array<
    Record<string, unknown> & { n: number | string }
  >;
}

/** A boolean as a database returns it (true, 1, '1', 't'). */
function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** The different values of `column` among the rows of `entity` (alias `e`) matching `where`. */
async function distinctColumn<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  column: string,
): Promise<string[]> {
  const sqlEm = em as unknown as SqlEntityManager;
  const query = sqlEm.createQueryBuilder(entity, 'e').where(where).getKnexQuery();
  query.clearSelect().select(sqlEm.getKnex().raw(`distinct e."${column}" as "value"`));
  const { sql, bindings } = query.toSQL();
  const rows = (await em.getConnection().execute(sql, bindings as unknown[])) as Array<{ value: unknown }>;
  return rows.map((row) => String(row.value));
}
