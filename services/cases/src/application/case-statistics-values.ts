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
 * statuses and departments of the vocabulary that the scope has ever had a case of (one probe per code of the rollup
 * without grids, by that column's index, in the scope only: no window, no filter — `everInScope`); the months of the
 * time window, within the first and last month the scope has had a case in (one min/max over that rollup, by the
 * month's index). A vocabulary value the scope never had (组织关系转接 where no member transferred) is not listed: listed,
 * its zero cell in every line would cost a shown cell of the line to secondary suppression. What is listed tells
 * nothing of the filter's or the window's cases, and the groups are counted once (before, a filter other than the
 * window made them be counted a second time without it).
 */
export async function caseStatisticsValues(
  em: EntityManager,
  scope: CaseStatisticsValueScope,
  dimensions: readonly CaseStatisticsDimension[],
  filter: CaseStatisticsFilter,
  /** Receives the names of the grids listed (the grid projection's), so that the keys need not read them again. */
  gridNames?: Map<string, string>,
): Promise<Value[][]> {
  // each dimension's values read beside the others' (a connection of the pool each on PostgreSQL; one after the
  // other on SQLite's one connection): a small table's answer waits for the slowest, not for their sum
  return Promise.all(
    dimensions.map((dimension) => {
      switch (dimension) {
        case 'CATEGORY':
          return everInScope(em, scope, 'category', CaseCategories.codes);
        case 'CHANNEL':
          return everInScope(em, scope, 'channel', CaseChannels.codes);
        case 'STATUS':
          return everInScope(em, scope, 'status', CaseStatuses.codes);
        case 'DEPARTMENT':
          return everInScope(em, scope, 'department', scope.departments ?? Departments.codes);
        case 'GRID':
          return gridsInScope(em, scope, gridNames);
        case 'MONTH':
          return monthsOfWindow(em, scope, filter);
      }
    }),
  );
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

/**
 * The values of a vocabulary the scope has had a case of, in the vocabulary's order: for each code, one row of the
 * rollup in scope that counts a case of it, if any (`limit 1`; one statement, the codes' probes joined by `union all`),
 * not a `group by` over every row of the scope's rollup (a district's, asked by every table however small). Each probe
 * names its code as a parameter, so that PostgreSQL plans it knowing the value: one the rollup never had (most
 * statuses and departments of a district) is one look-up in the column's index, one it has the first row of a scan.
 */
async function everInScope(
  em: EntityManager,
  scope: CaseStatisticsValueScope,
  column: 'category' | 'channel' | 'status' | 'department',
  vocabulary: readonly string[],
): Promise<Value[]> {
  if (!vocabulary.length) return [];
  const CODE = '\u0000code';
  const probe = rollupQuery(em, scope, `g."${column}" as "v"`).whereRaw(`g."${column}" = ?`, [CODE]).limit(1).toSQL();
  // each probe's bindings: the scope's, its code in place of CODE, the limit
  const bindings = probe.bindings as unknown[];
  const codeAt = bindings.indexOf(CODE);
  const rows = (await em.getConnection().execute(
    vocabulary.map((_, i) => `select "v" from (${probe.sql}) as "p${i}"`).join(' union all '),
    vocabulary.flatMap((code) => bindings.map((binding, i) => (i === codeAt ? code : binding))),
  )) as Array<{ v: string }>;
  const found = new Set(rows.map((row) => String(row.v)));
  return vocabulary.filter((code) => found.has(code));
}

async function gridsInScope(
  em: EntityManager,
  scope: CaseStatisticsValueScope,
  names?: Map<string, string>,
): Promise<Value[]> {
  const where: Array<FilterQuery<GridProjection>> = [scope.community];
  if (scope.gridIds) where.push({ gridId: { $in: [...scope.gridIds] } });
  const sqlEm = em as unknown as SqlEntityManager;
  // the ids and names as plain rows, no entities (a district has ~600 grids, asked on every request)
  const grids = sqlEm
    .createQueryBuilder(GridProjection, 'gr')
    .select(['gr.gridId', 'gr.name'])
    .where({ $and: where } as never)
    .getKnexQuery()
    .toSQL();
  // «无网格»: is there a case in scope without a grid? One row by the grid index (nulls are indexed); read beside
  // the grids
  const probe = scope.gridIds
    ? null
    : sqlEm
        .createQueryBuilder('Case', 'c')
        .select('c.id')
        .where({ $and: [...scope.cases, { gridId: null }] } as never)
        .limit(1)
        .getKnexQuery()
        .toSQL();
  const [rows, found] = await Promise.all([
    em.getConnection().execute(grids.sql, grids.bindings as unknown[]) as Promise<
      Array<{ grid_id: string; name: string }>
    >,
    probe ? (em.getConnection().execute(probe.sql, probe.bindings as unknown[]) as Promise<unknown[]>) : [],
  ]);
  const listed: Value[] = rows.map((row) => String(row.grid_id));
  if (names) for (const row of rows) names.set(String(row.grid_id), String(row.name));
  if (found.length) listed.push(null);
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
