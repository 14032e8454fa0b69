import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { addMonths, CaseCategories, CaseChannels, CaseStatuses, communityMonth, Departments } from '@shequ/contracts';
import type { EntityManager as SqlEntityManager } from '@shequ/database';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import type { Case } from '../entities/case.js';
import { CaseAreaRollup, CaseRollup } from '../entities/case-rollup.js';
import { GridProjection } from '../entities/grid-projection.js';
import type { CommunityWhere } from '@shequ/subgraph';
import type { CaseStatisticsFilter } from './case-statistics-base.js';

/** What bounds the values a caller's table lists: its row scope, as `caseScope` builds it, in its parts. */
export interface CaseStatisticsValueScope {
  /** The row scope of the cases (`caseScope`). */
  cases: FilterQuery<Case>[];
  /** The community part of it (`communityWhere`): the grids of these communities are listed. */
  community: CommunityWhere;
  /** A grid worker's grid ids, or null. */
  gridIds: ReadonlySet<string> | null;
  /** A departmental role's departments, or null. */
  departments: readonly string[] | null;
}

type Value = StatisticsGroup['key'][CaseStatisticsDimension];

/**
 * The values each dimension of an analyst's `caseStatistics` table lists, without counting the filter's cases and
 * whatever the filter: the grids of the scope's communities from the grid projection (a grid worker's own), and
 * «无网格» where a case in scope has none (a one-row probe by the cases' grid index); the categories, channels,
 * statuses and departments of the vocabulary that the scope has ever had a case of (one `group by` of that column
 * over the rollup without grids — a few rows a community and month — in the scope only: no window, no filter); the
 * months of the time window, within the first and last month the scope has had a case in (one min/max over that
 * rollup). A vocabulary value the scope never had (组织关系转接 where no member transferred) is not listed: listed,
 * its zero cell in every line would cost a shown cell of the line to secondary suppression. What is listed tells
 * nothing of the filter's or the window's cases, and the groups are counted once (before, a filter other than the
 * window made them be counted a second time without it).
 */
export async function caseStatisticsValues(
  em: EntityManager,
  scope: CaseStatisticsValueScope,
  dimensions: readonly CaseStatisticsDimension[],
  filter: CaseStatisticsFilter,
): Promise<Value[][]> {
  const values: Value[][] = [];
  for (const dimension of dimensions) {
    switch (dimension) {
      case 'CATEGORY':
        values.push(await everInScope(em, scope, 'category', CaseCategories.codes));
        break;
      case 'CHANNEL':
        values.push(await everInScope(em, scope, 'channel', CaseChannels.codes));
        break;
      case 'STATUS':
        values.push(await everInScope(em, scope, 'status', CaseStatuses.codes));
        break;
      case 'DEPARTMENT':
        values.push(await everInScope(em, scope, 'department', scope.departments ?? Departments.codes));
        break;
      case 'GRID':
        values.push(await gridsInScope(em, scope));
        break;
      case 'MONTH':
        values.push(await monthsOfWindow(em, scope, filter));
        break;
    }
  }
  return values;
}

/** A query over the rollup without grids (with them for a grid worker's scope) in the caller's scope only. */
function rollupQuery(em: EntityManager, scope: CaseStatisticsValueScope, select: string) {
  const sqlEm = em as unknown as SqlEntityManager;
  const where: Array<FilterQuery<CaseRollup>> = [...(scope.cases as Array<FilterQuery<CaseRollup>>), { n: { $gt: 0 } }];
  const query = sqlEm
    .createQueryBuilder(scope.gridIds ? CaseRollup : CaseAreaRollup, 'g')
    .where({ $and: where } as never)
    .getKnexQuery();
  query.clearSelect().select(sqlEm.getKnex().raw(select));
  return query;
}

/** The values of a vocabulary the scope has had a case of, in the vocabulary's order. */
async function everInScope(
  em: EntityManager,
  scope: CaseStatisticsValueScope,
  column: 'category' | 'channel' | 'status' | 'department',
  vocabulary: readonly string[],
): Promise<Value[]> {
  const query = rollupQuery(em, scope, `g."${column}" as "v"`).groupBy(`g.${column}`);
  const { sql, bindings } = query.toSQL();
  const rows = (await em.getConnection().execute(sql, bindings as unknown[])) as Array<{ v: string }>;
  const found = new Set(rows.map((row) => String(row.v)));
  return vocabulary.filter((code) => found.has(code));
}

async function gridsInScope(em: EntityManager, scope: CaseStatisticsValueScope): Promise<Value[]> {
  const where: Array<FilterQuery<GridProjection>> = [scope.community];
  if (scope.gridIds) where.push({ gridId: { $in: [...scope.gridIds] } });
  const sqlEm = em as unknown as SqlEntityManager;
  // the ids as plain rows, no entities (a district has ~200 grids, asked on every request)
  const grids = sqlEm
    .createQueryBuilder(GridProjection, 'gr')
    .select('gr.gridId')
    .where({ $and: where } as never)
    .getKnexQuery()
    .toSQL();
  const rows = (await em.getConnection().execute(grids.sql, grids.bindings as unknown[])) as Array<
    Record<string, unknown>
  >;
  const listed: Value[] = rows.map((row) => String(Object.values(row)[0]));
  if (!scope.gridIds) {
    // «无网格»: is there a case in scope without a grid? One row by the grid index (nulls are indexed).
    const probe = sqlEm
      .createQueryBuilder('Case', 'c')
      .select('c.id')
      .where({ $and: [...scope.cases, { gridId: null }] } as never)
      .limit(1)
      .getKnexQuery()
      .toSQL();
    const found = (await em.getConnection().execute(probe.sql, probe.bindings as unknown[])) as unknown[];
    if (found.length) listed.push(null);
  }
  return listed;
}

/** The next community month (YYYY-MM). */
const nextMonth = (month: string) => addMonths(`${month}-01`, 1).slice(0, 7);

async function monthsOfWindow(
  em: EntityManager,
  scope: CaseStatisticsValueScope,
  filter: CaseStatisticsFilter,
): Promise<Value[]> {
  const { sql, bindings } = rollupQuery(
    em,
    scope,
    'min(g."opened_month") as "first", max(g."opened_month") as "last"',
  ).toSQL();
  const [span] = (await em.getConnection().execute(sql, bindings as unknown[])) as Array<{
    first: string | null;
    last: string | null;
  }>;
  if (!span?.first || !span.last) return [];
  const from = filter.openedFrom ? communityMonth(filter.openedFrom) : span.first;
  const to = filter.openedTo ? communityMonth(new Date(filter.openedTo.getTime() - 1)) : span.last;
  const months: string[] = [];
  for (let month = from > span.first ? from : span.first; month <= (to < span.last ? to : span.last);) {
    months.push(month);
    month = nextMonth(month);
  }
  return months;
}
