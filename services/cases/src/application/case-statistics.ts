import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { communityMonth, startOfCommunityDay } from '@shequ/contracts';
import type { EntityManager as SqlEntityManager } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import type { Case } from '../entities/case.js';
import { CaseAreaRollup, CaseRollup } from '../entities/case-rollup.js';
import { caseStatisticsFromCases, groupsFromRows, type CaseStatisticsFilter } from './case-statistics-base.js';
import { RATED_GRADES, ratingColumn } from './case-statistics-rollup.js';

export type { CaseStatisticsFilter } from './case-statistics-base.js';

const KEY_SQL: Record<CaseStatisticsDimension, string> = {
  CATEGORY: 'g."category"',
  CHANNEL: 'g."channel"',
  STATUS: 'g."status"',
  GRID: `case when g."grid_id" = '' then null else g."grid_id" end`,
  DEPARTMENT: 'g."department"',
  MONTH: 'g."opened_month"',
};

/** The community month (YYYY-MM) an instant starts, or null when it is not the first instant of a month. */
function monthStartingAt(instant: Date): string | null {
  const month = communityMonth(instant);
  return startOfCommunityDay(`${month}-01`).getTime() === instant.getTime() ? month : null;
}

/**
 * 事项统计: grouped counts and rates (the rules of `groupCaseStatistics` in domain/statistics.ts), read from the
 * rollup (`CaseRollup`, kept with every write; `CaseAreaRollup` when grids play no part): the database sums groups,
 * never reads a case, and memory holds
 * the answer only. The row scope (community, department, grid) and the filters apply to the rollup's keys; an
 * opening-time filter that is not a month boundary (the rollup counts by month) is answered by one grouped
 * query over the cases instead (`caseStatisticsFromCases`). Only codes, months and grid ids come back.
 */
export async function caseStatistics(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  groupBy: readonly CaseStatisticsDimension[],
  filter: CaseStatisticsFilter = {},
): Promise<StatisticsGroup[]> {
  if (groupBy.length > 3) throw new InvalidInputError('groupBy', '最多按三个维度分组');
  const from = filter.openedFrom ? monthStartingAt(filter.openedFrom) : undefined;
  const to = filter.openedTo ? monthStartingAt(filter.openedTo) : undefined;
  if (from === null || to === null) return caseStatisticsFromCases(em, scope, groupBy, filter);
  const dimensions = [...new Set(groupBy)];
  const where: Array<FilterQuery<CaseRollup>> = [...(scope as Array<FilterQuery<CaseRollup>>)];
  if (from) where.push({ openedMonth: { $gte: from } });
  if (to) where.push({ openedMonth: { $lt: to } });
  if (filter.category) where.push({ category: filter.category });
  if (filter.channel) where.push({ channel: filter.channel });
  if (filter.department) where.push({ department: filter.department });
  if (filter.gridId) where.push({ gridId: filter.gridId });
  const sqlEm = em as unknown as SqlEntityManager;
  const knex = sqlEm.getKnex();
  // Without grids (no grid dimension, filter or grid in the caller's row scope), the rollup summed without them.
  const byGrid = dimensions.includes('GRID') || JSON.stringify(where).includes('"gridId"');
  const query = sqlEm
    .createQueryBuilder(byGrid ? CaseRollup : CaseAreaRollup, 'g')
    .where({ $and: where } as never)
    .getKnexQuery();
  query
    .clearSelect()
    .select(
      knex.raw(
        [
          ...dimensions.map((d, i) => `${KEY_SQL[d]} as "d${i}"`),
          'sum(g."n") as "count"',
          'sum(g."resolved") as "resolved"',
          'sum(g."on_time") as "on_time"',
          'sum(g."resolution_ms") / 3600000.0 as "hours"',
          ...RATED_GRADES.map((grade) => `sum(g."${ratingColumn(grade)}") as "${grade}"`),
        ].join(', '),
      ),
    );
  if (dimensions.length) query.groupByRaw(dimensions.map((_, i) => i + 1).join(', '));
  const { sql, bindings } = query.toSQL();
  const rows = (await em.getConnection().execute(sql, bindings as unknown[])) as Array<Record<string, unknown>>;
  return groupsFromRows(rows, dimensions);
}
