import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { addMonths, communityMonth, startOfCommunityDay } from '@shequ/contracts';
import type { EntityManager as SqlEntityManager } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { CaseAreaRollup, CaseRollup, CaseRollupMember } from '../entities/case-rollup.js';
import { groupsFromRows, type CaseStatisticsFilter, type CaseStatisticsRow } from './case-statistics-base.js';
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

/** The first community month starting at or after an instant (YYYY-MM). */
function firstMonthFrom(instant: Date): string {
  const month = communityMonth(instant);
  return startOfCommunityDay(`${month}-01`).getTime() === instant.getTime()
    ? month
    : addMonths(`${month}-01`, 1).slice(0, 7);
}

type Row = CaseStatisticsRow;
type Where = Array<FilterQuery<CaseRollup>>;

/**
 * 事项统计: grouped counts and rates (the rules of `groupCaseStatistics` in domain/statistics.ts), read from the
 * rollup (`CaseRollup`, kept with every write; `CaseAreaRollup` when grids play no part): the database sums groups,
 * never reads a case, and memory holds the answer only. The row scope (community, department, grid) and the filters
 * apply to the rollup's keys. An opening window off month boundaries (the rollup counts by month) is read in parts:
 * its whole months from the rollup, the days of its partial first and last months from each case's own figures
 * (`CaseRollupMember`, the rollup's diff: keys, measures and opening time of one case, no evaluation to count) of
 * the members opened then (a range of the member table's opening-time index: no case is read), summed group by
 * group. Only codes, months and grid ids come back.
 */
export async function caseStatistics(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  groupBy: readonly CaseStatisticsDimension[],
  filter: CaseStatisticsFilter = {},
): Promise<StatisticsGroup[]> {
  return groupsFromRows(await caseStatisticsRows(em, scope, groupBy, filter), [...new Set(groupBy)]);
}

/**
 * `caseStatistics`' rows as the database sums them (`CaseStatisticsRow`: `d0…` the values of the distinct dimensions
 * of `groupBy`, in its order), the parts of a window summed group by group; groups of no case may be among them.
 * A controlled table is built from them directly (`controlCaseStatisticsRows`).
 */
export async function caseStatisticsRows(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  groupBy: readonly CaseStatisticsDimension[],
  filter: CaseStatisticsFilter = {},
): Promise<CaseStatisticsRow[]> {
  if (groupBy.length > 3) throw new InvalidInputError('groupBy', '最多按三个维度分组');
  const dimensions = [...new Set(groupBy)];
  const where: Where = [...(scope as Where)];
  if (filter.category) where.push({ category: filter.category });
  if (filter.channel) where.push({ channel: filter.channel });
  if (filter.department) where.push({ department: filter.department });
  if (filter.gridId) where.push({ gridId: filter.gridId });
  // Without grids (no grid dimension, filter or grid in the caller's row scope), the rollup summed without them.
  const byGrid = dimensions.includes('GRID') || JSON.stringify(where).includes('"gridId"');
  const { openedFrom, openedTo } = filter;
  const from = openedFrom ? firstMonthFrom(openedFrom) : undefined;
  // the month `openedTo` falls in (it ends the window: the month before it is the last whole one)
  const to = openedTo ? communityMonth(openedTo) : undefined;
  const parts: Row[][] = [];
  // the partial months' days: [openedFrom, start of `from`) and [start of `to`, openedTo)
  const edges: Array<[Date | undefined, Date | undefined]> = [];
  if (from && to && from >= to) edges.push([openedFrom ?? undefined, openedTo ?? undefined]);
  else {
    const months: Where = [];
    if (from) months.push({ openedMonth: { $gte: from } });
    if (to) months.push({ openedMonth: { $lt: to } });
    parts.push(await sumRollup(em, byGrid ? CaseRollup : CaseAreaRollup, [...where, ...months], dimensions));
    if (openedFrom && from && startOfCommunityDay(`${from}-01`).getTime() !== openedFrom.getTime())
      edges.push([openedFrom, startOfCommunityDay(`${from}-01`)]);
    if (openedTo && to && startOfCommunityDay(`${to}-01`).getTime() !== openedTo.getTime())
      edges.push([startOfCommunityDay(`${to}-01`), openedTo]);
  }
  for (const [edgeFrom, edgeTo] of edges) {
    // the members opened in the edge's days: a range of the member table's opening-time index, no case read
    const opened: Record<string, Date> = {};
    if (edgeFrom) opened.$gte = edgeFrom;
    if (edgeTo) opened.$lt = edgeTo;
    parts.push(await sumRollup(em, CaseRollupMember, [...where, { openedAt: opened } as never], dimensions));
  }
  return parts.length === 1 ? parts[0] : mergeRows(parts, dimensions);
}

/** The rollup's (or its members') measures summed in the groups of `dimensions`, under `where`. */
async function sumRollup(
  em: EntityManager,
  entity: typeof CaseRollup | typeof CaseAreaRollup | typeof CaseRollupMember,
  where: Where,
  dimensions: readonly CaseStatisticsDimension[],
): Promise<Row[]> {
  const sqlEm = em as unknown as SqlEntityManager;
  const knex = sqlEm.getKnex();
  const query = sqlEm
    .createQueryBuilder(entity as typeof CaseRollup, 'g')
    .where({ $and: where } as never)
    .getKnexQuery();
  query
    .clearSelect()
    .select(
      knex.raw(
        [
          ...dimensions.map((d, i) => `${KEY_SQL[d]} as "d${i}"`),
          entity === CaseRollupMember ? 'count(*) as "count"' : 'sum(g."n") as "count"',
          'sum(g."resolved") as "resolved"',
          'sum(g."on_time") as "on_time"',
          'sum(g."resolution_ms") / 3600000.0 as "hours"',
          ...RATED_GRADES.map((grade) => `sum(g."${ratingColumn(grade)}") as "${grade}"`),
        ].join(', '),
      ),
    );
  if (dimensions.length) query.groupByRaw(dimensions.map((_, i) => i + 1).join(', '));
  const { sql, bindings } = query.toSQL();
  return (await em.getConnection().execute(sql, bindings as unknown[])) as Row[];
}

/** Rows of several parts of a window summed group by group. */
function mergeRows(parts: Row[][], dimensions: readonly CaseStatisticsDimension[]): Row[] {
  const measures = ['count', 'resolved', 'on_time', 'hours', ...RATED_GRADES];
  const merged = new Map<string, Row>();
  for (const rows of parts)
    for (const row of rows) {
      const id = JSON.stringify(dimensions.map((_, i) => row[`d${i}`] ?? null));
      const into = merged.get(id);
      if (!into) merged.set(id, { ...row });
      else for (const m of measures) into[m] = Number(into[m] ?? 0) + Number(row[m] ?? 0);
    }
  return [...merged.values()];
}
