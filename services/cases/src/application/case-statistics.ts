import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { InvalidInputError } from '@shequ/errors';
import { groupCaseStatistics, type StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { CaseEvaluation } from '../entities/case-evaluation.js';

export interface CaseStatisticsFilter {
  openedFrom?: Date | null;
  openedTo?: Date | null;
  category?: string | null;
  channel?: string | null;
  department?: string | null;
  gridId?: string | null;
}

/** 事项统计: grouped counts and rates; only codes, months and grid ids come back, never people. */
export async function caseStatistics(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  groupBy: readonly CaseStatisticsDimension[],
  filter: CaseStatisticsFilter = {},
): Promise<StatisticsGroup[]> {
  if (groupBy.length > 3) throw new InvalidInputError('groupBy', '最多按三个维度分组');
  const where: FilterQuery<Case>[] = [...scope];
  if (filter.openedFrom) where.push({ openedAt: { $gte: filter.openedFrom } });
  if (filter.openedTo) where.push({ openedAt: { $lt: filter.openedTo } });
  if (filter.category) where.push({ category: filter.category as Case['category'] });
  if (filter.channel) where.push({ channel: filter.channel as Case['channel'] });
  if (filter.department) where.push({ department: filter.department as Case['department'] });
  if (filter.gridId) where.push({ gridId: filter.gridId });
  const cases = await em.find(
    Case,
    { $and: where },
    {
      fields: ['id', 'category', 'channel', 'status', 'gridId', 'department', 'openedAt', 'resolvedAt', 'resolveDueAt'],
    },
  );
  const grades = new Map<string, CaseEvaluation['grade'][]>();
  for (let i = 0; i < cases.length; i += 500) {
    const ids = cases.slice(i, i + 500).map((c) => c.id);
    for (const e of await em.find(
      CaseEvaluation,
      { caseId: { $in: ids }, valid: true },
      { fields: ['caseId', 'grade'] },
    )) {
      grades.set(e.caseId, [...(grades.get(e.caseId) ?? []), e.grade]);
    }
  }
  return groupCaseStatistics(
    cases.map((c) => ({ ...c, gridId: c.gridId, resolvedAt: c.resolvedAt, validGrades: grades.get(c.id) ?? [] })),
    groupBy,
  );
}
