import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@shequ/database';
import { communityMonth, startOfCommunityDay, addMonths, type EvaluationGrade } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { RATED_GRADES } from './case-statistics-rollup.js';

export interface CaseStatisticsFilter {
  openedFrom?: Date | null;
  openedTo?: Date | null;
  category?: string | null;
  channel?: string | null;
  department?: string | null;
  gridId?: string | null;
}

/**
 * A row of a statistics query: the values of the groups' dimensions in `d0`, `d1`… (a code, month or grid id; null
 * for none), `count`, `resolved`, `on_time` and `hours` summed, one column per rated grade (numbers or their text).
 */
export type CaseStatisticsRow = Record<string, unknown>;

const VALUE_COLUMNS = ['d0', 'd1', 'd2'];

/** The value of dimension `i` in a row (`d0`, `d1`…), as text (PostgreSQL and SQLite may give other types), or null. */
export function rowValue(row: CaseStatisticsRow, i: number): string | null {
  const value = row[VALUE_COLUMNS[i] ?? `d${i}`] as string | number | null | undefined;
  return value == null ? null : String(value);
}

const COLUMN: Record<Exclude<CaseStatisticsDimension, 'MONTH'>, string> = {
  CATEGORY: 'c."category"',
  CHANNEL: 'c."channel"',
  STATUS: 'c."status"',
  GRID: 'c."grid_id"',
  DEPARTMENT: 'c."department"',
};

const GRADES = RATED_GRADES;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * 事项统计 over the base tables: grouped counts and rates (the rules of `groupCaseStatistics` in
 * domain/statistics.ts), computed by the database: one grouped query over the cases in scope with their valid
 * ratings counted per case in SQL, so memory holds the groups, never the cases. Months are the community's
 * (Asia/Shanghai) calendar months, as boundaries from the community calendar. Only codes, months and grid ids
 * come back, never people. Used when the opening-time filter does not fall on month boundaries (the rollup
 * counts by month); otherwise `caseStatistics` reads the rollup.
 */
export async function caseStatisticsFromCases(
  em: EntityManager,
  scope: FilterQuery<Case>[],
  groupBy: readonly CaseStatisticsDimension[],
  filter: CaseStatisticsFilter = {},
): Promise<StatisticsGroup[]> {
  if (groupBy.length > 3) throw new InvalidInputError('groupBy', '最多按三个维度分组');
  const dimensions = [...new Set(groupBy)];
  const where: FilterQuery<Case>[] = [...scope];
  if (filter.openedFrom) where.push({ openedAt: { $gte: filter.openedFrom } });
  if (filter.openedTo) where.push({ openedAt: { $lt: filter.openedTo } });
  if (filter.category) where.push({ category: filter.category as Case['category'] });
  if (filter.channel) where.push({ channel: filter.channel as Case['channel'] });
  if (filter.department) where.push({ department: filter.department as Case['department'] });
  if (filter.gridId) where.push({ gridId: filter.gridId });
  const sqlEm = em as unknown as SqlEntityManager;
  const inScope = sqlEm.createQueryBuilder(Case, 'c0').select('c0.id').where({ $and: where }).getKnexQuery().toSQL();
  const platform = em.getPlatform();
  const postgres = platform.constructor.name === 'PostgreSqlPlatform';
  const connection = em.getConnection();
  const scopeSql = `c."id" in (${inScope.sql})`;
  const scopeParams = inScope.bindings as unknown[];

  const select: string[] = [];
  const selectParams: unknown[] = [];
  for (const [i, dimension] of dimensions.entries()) {
    if (dimension !== 'MONTH') {
      select.push(`${COLUMN[dimension]} as "d${i}"`);
      continue;
    }
    // Month boundaries of the community calendar between the first and the last case in scope.
    const spans = (await connection.execute(
      `select min(c."opened_at") as "first", max(c."opened_at") as "last" from "case_record" c where ${scopeSql}`,
      scopeParams,
    )) as Array<{ first: unknown; last: unknown }>;
    const span = spans[0];
    const asDate = (value: unknown) => (value instanceof Date ? value : new Date(value as string | number));
    if (!span || span.first == null) {
      select.push(`'' as "d${i}"`);
      continue;
    }
    const months: string[] = [communityMonth(asDate(span.first))];
    const lastMonth = communityMonth(asDate(span.last));
    while (months[months.length - 1] < lastMonth)
      months.push(addMonths(`${months[months.length - 1]}-01`, 1).slice(0, 7));
    const cases = months
      .slice(1)
      .map((month, m) => {
        selectParams.push(platform.processDateProperty(startOfCommunityDay(`${month}-01`)));
        return `when c."opened_at" < ? then '${months[m]}'`;
      })
      .join(' ');
    select.push(
      months.length > 1
        ? `case ${cases} else '${months[months.length - 1]}' end as "d${i}"`
        : `'${months[0]}' as "d${i}"`,
    );
  }
  const hours = postgres
    ? `extract(epoch from (c."resolved_at" - c."opened_at")) / 3600.0`
    : `(c."resolved_at" - c."opened_at") / 3600000.0`;
  const sql = `select ${[...select, 'count(*) as "count"'].join(', ')},
      count(c."resolved_at") as "resolved",
      sum(case when c."resolved_at" is not null and c."resolved_at" <= c."resolve_due_at" then 1 else 0 end) as "on_time",
      sum(case when c."resolved_at" is not null then ${hours} else 0 end) as "hours",
      ${GRADES.map((g) => `coalesce(sum(e."${g}"), 0) as "${g}"`).join(', ')}
    from "case_record" c
    left join (select "case_id", ${GRADES.map(
      (g) => `sum(case when "grade" = '${g}' then 1 else 0 end) as "${g}"`,
    ).join(', ')} from "case_evaluation" where "valid" = true group by "case_id") e on e."case_id" = c."id"
    where ${scopeSql}
    ${dimensions.length ? `group by ${dimensions.map((_, i) => i + 1).join(', ')}` : ''}`;
  const rows = (await connection.execute(sql, [...selectParams, ...scopeParams])) as Array<Record<string, unknown>>;
  return groupsFromRows(rows, dimensions);
}

/** A row's on-time rate (of its `resolved` cases, 4 decimals), null without a resolved case. */
export const onTimeRateOf = (row: CaseStatisticsRow, resolved: number) =>
  resolved ? round(Number(row.on_time) / resolved, 4) : null;

/** A row's mean hours to resolution (1 decimal), null without a resolved case. */
export const averageHoursOf = (row: CaseStatisticsRow, resolved: number) =>
  resolved ? round(Number(row.hours) / resolved, 1) : null;

/**
 * The groups of a statistics query's rows (`d0…` keys, `count`, `resolved`, `on_time`, `hours` summed, one
 * column per grade), with rates rounded and in key order; groups without cases are dropped.
 */
export function groupsFromRows(
  rows: readonly CaseStatisticsRow[],
  dimensions: readonly CaseStatisticsDimension[],
): StatisticsGroup[] {
  const groups = rows
    .filter((row) => Number(row.count) > 0)
    .map((row) => {
      const values = dimensions.map((_, i) => rowValue(row, i));
      const resolved = Number(row.resolved);
      return {
        // a sort key of the values (any fixed order: the answer is put in its natural order later), no JSON
        id: values.map((v) => (v === null ? '\u0000' : `\u0001${v}`)).join('\u0002'),
        group: {
          key: Object.fromEntries(dimensions.map((d, i) => [d, values[i]])),
          count: Number(row.count),
          resolved,
          onTimeRate: onTimeRateOf(row, resolved),
          averageResolutionHours: averageHoursOf(row, resolved),
          ratings: Object.fromEntries(GRADES.map((g) => [g, Number(row[g])])) as Record<EvaluationGrade, number>,
        },
      };
    });
  return groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((g) => g.group);
}
