import type { EntityManager } from '@mikro-orm/core';
import {
  CareCategories,
  declaredOrder,
  Genders,
  sortStatisticsGroups,
  type StatisticsKey as SharedStatisticsKey,
  type StatisticsOrder,
  labelsOf,
  ResidenceTypes,
  ResidentStatuses,
  type CareCategory,
} from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { AgeBands, checkAgeRange, type AgeBand } from '../domain/age-bands.js';
import { ADVANCED_AGE_YEARS, SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { bornOnOrBefore } from '../domain/dates.js';
import type { ResidentCriteria } from './resident-query.js';
import { careCategoryBit } from './statistics-rollup.js';

export type StatisticsDimension =
  'GRID' | 'BUILDING' | 'GENDER' | 'AGE_BAND' | 'RESIDENCE_TYPE' | 'CARE_CATEGORY' | 'STATUS';

export type StatisticsKey = SharedStatisticsKey<StatisticsDimension>;

/**
 * Each dimension's natural order (the shared `sortStatisticsGroups` of `@shequ/contracts`): grids and buildings by
 * name, enumerations and age bands (youngest first) in their declared order, «非关爱对象» after the care categories.
 */
const ORDERS: Record<StatisticsDimension, StatisticsOrder> = {
  GRID: 'collated',
  BUILDING: 'collated',
  GENDER: declaredOrder(Genders),
  AGE_BAND: declaredOrder(AgeBands),
  RESIDENCE_TYPE: declaredOrder(ResidenceTypes),
  CARE_CATEGORY: declaredOrder(CareCategories, ['NONE']),
  STATUS: declaredOrder(ResidentStatuses),
};

/** Groups in their natural order, the same in every service: by the first key's dimension, then the next … */
export function orderResidentStatistics<G extends { keys: StatisticsKey[] }>(groups: readonly G[]): G[] {
  return sortStatisticsGroups(groups, ORDERS);
}

export interface StatisticsResult {
  total: number;
  groups: Array<{ keys: StatisticsKey[]; count: number }>;
}

/** Whose residents a statistic covers: the community scope (`communityWhere`) and a grid worker's grid codes. */
export interface StatisticsScope {
  community: { communityId: string | { $like?: string; $in?: string[] } };
  gridCodes: string[] | null;
}

const UNKNOWN = { value: 'UNKNOWN', label: '未知' };
const NONE = { value: 'NONE', label: '非关爱对象' };

/** Age bands' lower bounds, oldest first (mirrors `ageBand` in domain/age-bands.ts). */
const BAND_BOUNDS: Array<[number, AgeBand]> = [
  [80, 'AGE_80_PLUS'],
  [60, 'AGE_60_79'],
  [35, 'AGE_35_59'],
  [18, 'AGE_18_34'],
  [7, 'AGE_7_17'],
];

interface Sql {
  text: string;
  params: unknown[];
}

/**
 * The scope and filter as SQL over the rollup `g` (with its building `b` and grid `gr`, referred to only for a grid
 * filter or a grid worker's grids). Also what a resident list's `totalCount` sums (`resident-count.ts`).
 */
export function rollupWhereSql(
  scope: StatisticsScope,
  criteria: ResidentCriteria | null | undefined,
  today: string,
  /** Where the rollup row's grid is: its building's (`b`), or its own column in the table by age. */
  gridColumn = 'b."grid_id"',
): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  const community = scope.community.communityId;
  if (typeof community === 'string') {
    parts.push('g."community_id" = ?');
    params.push(community);
  } else if (community.$in) {
    parts.push(community.$in.length ? `g."community_id" in (${community.$in.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...community.$in);
  } else if (community.$like !== undefined) {
    parts.push('g."community_id" like ?');
    params.push(community.$like);
  } else {
    parts.push('1 = 0');
  }
  if (scope.gridCodes) {
    parts.push(scope.gridCodes.length ? `gr."code" in (${scope.gridCodes.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...scope.gridCodes);
  }
  const equal = (column: string, value: string | null | undefined) => {
    if (!value) return;
    parts.push(`${column} = ?`);
    params.push(value);
  };
  equal(gridColumn, criteria?.gridId);
  equal('g."building_id"', criteria?.buildingId);
  equal('g."residence_type"', criteria?.residenceType);
  equal('g."status"', criteria?.status);
  equal('g."gender"', criteria?.gender);
  checkAgeRange(criteria?.minAge, criteria?.maxAge);
  // age ≥ min ⇔ born on or before today − min years; age ≤ max ⇔ born after today − (max + 1) years.
  if (criteria?.minAge != null) {
    parts.push(`g."birth_date" <> '' and g."birth_date" <= ?`);
    params.push(bornOnOrBefore(today, criteria.minAge));
  }
  if (criteria?.maxAge != null) {
    parts.push(`g."birth_date" <> '' and g."birth_date" > ?`);
    params.push(bornOnOrBefore(today, criteria.maxAge + 1));
  }
  if (criteria?.careCategory) {
    const category = criteria.careCategory as CareCategory;
    if (!CareCategories.codes.includes(category))
      throw new InvalidInputError(
        'careCategory',
        `未知的关爱对象类别「${category}」，应为：${labelsOf(CareCategories)}`,
      );
    if (category === 'ADVANCED_AGE') {
      parts.push(`g."birth_date" <> '' and g."birth_date" <= ?`);
      params.push(bornOnOrBefore(today, ADVANCED_AGE_YEARS));
    } else {
      parts.push(`(g."care_mask" & ${careCategoryBit(category)}) <> 0`);
    }
  }
  return { text: parts.map((p) => `(${p})`).join(' and '), params };
}

/** Expressions (value, label) per dimension, plus the parameters they need. */
function dimensionSql(
  dimension: StatisticsDimension,
  today: string,
): { value: string; label?: string; params: unknown[] } {
  switch (dimension) {
    case 'GRID':
      return { value: `coalesce(gr."id", '')`, label: `coalesce(gr."name", '')`, params: [] };
    case 'BUILDING':
      return { value: `coalesce(b."id", '')`, label: `coalesce(b."name", '')`, params: [] };
    case 'GENDER':
      return { value: 'g."gender"', params: [] };
    case 'RESIDENCE_TYPE':
      return { value: 'g."residence_type"', params: [] };
    case 'STATUS':
      return { value: 'g."status"', params: [] };
    case 'CARE_CATEGORY':
      return { value: 'c."code"', params: [] };
    case 'AGE_BAND':
      return {
        value: `case when g."birth_date" = '' then '' ${BAND_BOUNDS.map(
          ([, band]) => `when g."birth_date" <= ? then '${band}'`,
        ).join(' ')} else 'AGE_0_6' end`,
        params: BAND_BOUNDS.map(([years]) => bornOnOrBefore(today, years)),
      };
  }
}

function labelOf(
  dimension: StatisticsDimension,
  value: string,
  label: string | undefined,
): { value: string; label: string } {
  if (value === '') return UNKNOWN;
  switch (dimension) {
    case 'GRID':
    case 'BUILDING':
      return { value, label: label ?? value };
    case 'GENDER':
      return { value, label: Genders.labels[value as keyof typeof Genders.labels] };
    case 'RESIDENCE_TYPE':
      return { value, label: ResidenceTypes.labels[value as keyof typeof ResidenceTypes.labels] };
    case 'STATUS':
      return { value, label: ResidentStatuses.labels[value as keyof typeof ResidentStatuses.labels] };
    case 'AGE_BAND':
      return { value, label: AgeBands.labels[value as AgeBand] };
    case 'CARE_CATEGORY':
      return value === 'NONE' ? NONE : { value, label: CareCategories.labels[value as CareCategory] };
  }
}

/**
 * The care categories a resident counts in — each open category, 高龄 (derived: active and 80 or over, or recorded),
 * or NONE — as one sum per category over the rollup's groups `g` (the SQL's columns "k0", "k1" … in `codes` order):
 * a group's residents counted in each category they are in, in the same pass as the other dimensions' grouping (no
 * join of the categories to every group).
 */
function careSumsSql(
  today: string,
  includeSensitive: boolean,
): { codes: string[]; select: string[]; params: unknown[] } {
  const counted = CareCategories.codes.filter((c) => includeSensitive || !SENSITIVE_CATEGORIES.includes(c));
  const countedMask = counted.reduce((mask, c) => mask | careCategoryBit(c), 0);
  const stored = counted.filter((c) => c !== 'ADVANCED_AGE');
  const advanced = `(g."status" = 'ACTIVE' and g."birth_date" <> '' and g."birth_date" <= ?)`;
  const cutoff = bornOnOrBefore(today, ADVANCED_AGE_YEARS);
  const conditions: Array<[string, string, unknown[]]> = [
    ...stored.map((c): [string, string, unknown[]] => [c, `(g."care_mask" & ${careCategoryBit(c)}) <> 0`, []]),
    ['ADVANCED_AGE', `${advanced} or (g."care_mask" & ${careCategoryBit('ADVANCED_AGE')}) <> 0`, [cutoff]],
    ['NONE', `(g."care_mask" & ${countedMask}) = 0 and not ${advanced}`, [cutoff]],
  ];
  return {
    codes: conditions.map(([code]) => code),
    select: conditions.map(([, condition], k) => `sum(case when ${condition} then g."n" else 0 end) as "k${k}"`),
    params: conditions.flatMap(([, , params]) => params),
  };
}

/**
 * Every date of this query that `birth_date` is compared with (relative to `today`): the age bands' lower bounds
 * when banded, 高龄's when care categories are counted or filtered by, the age filter's bounds — the dates of
 * `rollupWhereSql`, `dimensionSql` and `careJoinSql`. Each is `today` less a whole number of years, so no two fall in
 * the same year unless they are the same date.
 */
function cutoffDates(
  dimensions: readonly StatisticsDimension[],
  criteria: ResidentCriteria | null | undefined,
  today: string,
): string[] {
  const cutoffs: string[] = [];
  if (dimensions.includes('AGE_BAND')) cutoffs.push(...BAND_BOUNDS.map(([years]) => bornOnOrBefore(today, years)));
  if (dimensions.includes('CARE_CATEGORY') || criteria?.careCategory === 'ADVANCED_AGE')
    cutoffs.push(bornOnOrBefore(today, ADVANCED_AGE_YEARS));
  if (criteria?.minAge != null) cutoffs.push(bornOnOrBefore(today, criteria.minAge));
  if (criteria?.maxAge != null) cutoffs.push(bornOnOrBefore(today, criteria.maxAge + 1));
  const dates = [...new Set(cutoffs)];
  // digits only: written into the SQL
  if (!dates.every((date) => /^\d{4}-\d{2}-\d{2}$/.test(date))) throw new Error(`cutoffDates: ${dates.join(', ')}`);
  if (new Set(dates.map((date) => date.slice(0, 4))).size !== dates.length)
    throw new Error(`cutoffDates: two cut-offs in one year: ${dates.join(', ')}`);
  return dates;
}

/**
 * The tables by birth year, smallest first (at 200,000 residents), with the columns besides those each has; `byYear`:
 * indexed by birth year, so that the years up to an old cut-off can be read alone (`OLD_CUTOFF_YEARS`).
 */
const AGE_TABLES: ReadonlyArray<{ table: string; columns: readonly string[]; byYear?: true }> = [
  { table: 'resident_age_people_rollup', columns: ['gender', 'residence_type', 'status'] },
  { table: 'resident_age_grid_rollup', columns: ['grid_id', 'status'] },
  { table: 'resident_age_care_rollup', columns: ['grid_id', 'status', 'care_mask'], byYear: true },
  {
    table: 'resident_age_rollup',
    columns: ['grid_id', 'gender', 'residence_type', 'status', 'care_mask'],
    byYear: true,
  },
];

/**
 * A statistic whose cut-offs are all at least this many years before today (高龄's 80 years, an age filter of 50 and
 * over) counts everyone from the table without birth dates (`resident_grid_rollup`, or `resident_place_rollup` by
 * building) as born after every cut-off, and moves only the residents born up to its latest cut-off's year to their
 * side: a small part of a district (about 5 % are 80 and over), read by birth year or date from an index.
 */
const OLD_CUTOFF_YEARS = 50;

/** Whether every cut-off is old enough to read only the years up to the latest from the tables by birth year. */
function oldCutoffsOnly(cutoffs: readonly string[], today: string): boolean {
  return (
    cutoffs.length > 0 &&
    cutoffs.every((cutoff) => Number(cutoff.slice(0, 4)) <= Number(today.slice(0, 4)) - OLD_CUTOFF_YEARS)
  );
}

/** The columns of the rollup besides community and birth date that a statistic by age refers to. */
function ageColumnsNeeded(
  dimensions: readonly StatisticsDimension[],
  criteria: ResidentCriteria | null | undefined,
  scope: StatisticsScope,
) {
  const needed = new Set<string>();
  if (dimensions.includes('GRID') || criteria?.gridId || scope.gridCodes) needed.add('grid_id');
  if (dimensions.includes('GENDER') || criteria?.gender) needed.add('gender');
  if (dimensions.includes('RESIDENCE_TYPE') || criteria?.residenceType) needed.add('residence_type');
  // 高龄 counted as a category needs the status (`careJoinSql`)
  if (dimensions.includes('STATUS') || criteria?.status || dimensions.includes('CARE_CATEGORY')) needed.add('status');
  if (dimensions.includes('CARE_CATEGORY') || (criteria?.careCategory && criteria.careCategory !== 'ADVANCED_AGE'))
    needed.add('care_mask');
  return needed;
}

const daysOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** After every cut-off: what the residents born after the last one are counted as (`ageRollupSql`). */
const AFTER_EVERY_CUTOFF = '9999-12-31';

/**
 * The rollup groups a statistic by age reads, with the columns the age, care and filter SQL refer to, `birth_date`
 * among them, and the grid of the group — from the smallest table by birth year that has the columns (the grid among them) the
 * query needs (`AGE_TABLES`). Every comparison of `birth_date` in the query is with one of its cut-offs, so a birth
 * date stands for the first cut-off on or after it (after every one: `AFTER_EVERY_CUTOFF`): a date and its stand-in
 * are on the same side of every cut-off, and the groups are summed by stand-in before anything else (a few per grid
 * and key, however many years). A year in which no cut-off falls has every resident on the same side of every
 * cut-off, so its groups stand in as a whole. A year in which one falls (at most one: `cutoffDates`) is split at the
 * cut-off c, reading the residents of its shorter side from `resident_rollup` by exact date (index on `birth_date`):
 * when the days after c are fewer, the year's groups count as born on its 1 January (on or before c) and each
 * resident born after c is moved to 31 December (after c) — counted there, and taken off 1 January with a negative
 * count; when the days up to c are fewer, the other way round. Exact, never stale: the dates are worked out at query
 * time.
 */
function ageRollupSql(cutoffs: readonly string[], needed: ReadonlySet<string>, today: string): string {
  const {
    table,
    columns: own,
    byYear,
  } = AGE_TABLES.find(({ columns }) => [...needed].every((c) => columns.includes(c)))!;
  // without a grid (a table that has none, for a query that needs none): '' for the grid join
  const columns = ['community_id', ...own].map((c) => `"${c}"`).join(', ');
  const grid = own.includes('grid_id') ? '' : `, '' as "grid_id"`;
  const sorted = [...cutoffs].sort();
  const standIn = (date: string) => sorted.find((cutoff) => date <= cutoff) ?? AFTER_EVERY_CUTOFF;
  const sides = sorted.map((cutoff) => {
    const year = cutoff.slice(0, 4);
    const [first, last] = [`${year}-01-01`, `${year}-12-31`];
    const after = daysOf(last) - daysOf(cutoff) <= daysOf(cutoff) - daysOf(first) + 1;
    // the year's groups count as born on `stands`; the residents born in `read` are moved to `moved`
    return after
      ? { year, stands: first, moved: last, read: `"birth_date" > '${cutoff}' and "birth_date" <= '${last}'` }
      : { year, stands: last, moved: first, read: `"birth_date" >= '${first}' and "birth_date" <= '${cutoff}'` };
  });
  // a year without a cut-off is before the first cut-off on or after it ⇔ before that cut-off's year
  const otherYear = sorted.length
    ? `case ${sorted.map((cutoff) => `when "birth_year" < '${cutoff.slice(0, 4)}' then '${cutoff}' `).join('')}else '${AFTER_EVERY_CUTOFF}' end`
    : `'${AFTER_EVERY_CUTOFF}'`;
  const yearDate = `case "birth_year" when '' then '' ${sides
    .map(({ year, stands }) => `when '${year}' then '${standIn(stands)}' `)
    .join('')}else ${otherYear} end`;
  // only old cut-offs: everyone from the table without birth years (it has every column of the tables by year) as
  // born after every cut-off, and the years up to the latest cut-off's moved from there to their stand-ins
  const latestYear = sorted.at(-1)?.slice(0, 4);
  const parts =
    byYear && oldCutoffsOnly(sorted, today)
      ? [
          `select ${columns}, "n", '${AFTER_EVERY_CUTOFF}' as "birth_date" from "resident_grid_rollup"`,
          // read once, each row twice: taken off «after every cut-off» (s = -1), counted at its stand-in (s = 1)
          `select ${columns}, "s" * "n", case when "s" < 0 then '${AFTER_EVERY_CUTOFF}' else ${yearDate} end
           from "${table}" cross join (select 1 as "s" union all select -1) s where "birth_year" <= '${latestYear}'`,
        ]
      : [`select ${columns}, "n", ${yearDate} as "birth_date" from "${table}"`];
  if (sides.length) {
    const read = sides.map((side) => `(${side.read})`).join(' or ');
    const date = (which: 'stands' | 'moved') =>
      `case "birth_year" ${sides.map((side) => `when '${side.year}' then '${standIn(side[which])}' `).join('')}end`;
    parts.push(
      `select ${columns}, "n", ${date('moved')} from "resident_rollup" where ${read}`,
      `select ${columns}, -"n", ${date('stands')} from "resident_rollup" where ${read}`,
    );
  }
  return `(select ${columns}${grid}, "birth_date", sum("n") as "n" from (${parts.join(' union all ')}) u
    group by ${columns}, "birth_date")`;
}

/**
 * The rollup's groups by building a statistic by age reads, with their birth dates: `resident_rollup` (a group per
 * resident, nearly) unless every cut-off is old (`oldCutoffsOnly`): then everyone from `resident_place_rollup` (no
 * birth date) as born after every cut-off, and the residents born up to the latest cut-off (index on `birth_date`)
 * moved from there to the first cut-off on or after their birth date — the same side of every cut-off, so exact —
 * summed by that stand-in.
 */
function buildingAgeSql(cutoffs: readonly string[], today: string): string {
  if (!oldCutoffsOnly(cutoffs, today)) return '"resident_rollup"';
  const sorted = [...cutoffs].sort();
  const latest = sorted.at(-1)!;
  const columns = ['community_id', 'building_id', 'gender', 'residence_type', 'status', 'care_mask']
    .map((c) => `"${c}"`)
    .join(', ');
  const standIn = `case when "birth_date" = '' then '' ${sorted
    .map((cutoff) => `when "birth_date" <= '${cutoff}' then '${cutoff}' `)
    .join('')}else '${AFTER_EVERY_CUTOFF}' end`;
  const old = `"birth_date" <= '${latest}'`;
  return `(select ${columns}, "birth_date", sum("n") as "n" from (
      select ${columns}, "n", '${AFTER_EVERY_CUTOFF}' as "birth_date" from "resident_place_rollup"
      union all select ${columns}, "s" * "n", case when "s" < 0 then '${AFTER_EVERY_CUTOFF}' else ${standIn} end
        from "resident_rollup" cross join (select 1 as "s" union all select -1) s where ${old}) u
    group by ${columns}, "birth_date")`;
}

/**
 * Counts residents per combination of the requested dimensions, in the database over the rollup
 * (`ResidentRollup`): groups are read, not resident rows, and memory holds only the answer. A resident with
 * several care categories counts once in each (and `NONE` when without); 高龄 is derived from the birth date;
 * sensitive categories only when `includeSensitive`. Never names or ids of people.
 */
export async function residentStatistics(
  em: EntityManager,
  criteria: ResidentCriteria | null | undefined,
  scope: StatisticsScope,
  groupBy: StatisticsDimension[],
  today: string,
  includeSensitive: boolean,
  /** Whether the groups come in their natural order; false when the caller lists them its own way. */
  ordered = true,
): Promise<StatisticsResult> {
  const dimensions = [...new Set(groupBy)];
  const { total, rows } = await residentStatisticsRows(em, criteria, scope, dimensions, today, includeSensitive);
  if (dimensions.length === 0) return { total, groups: total > 0 ? [{ keys: [], count: total }] : [] };
  const groups = rows.map((row) => ({
    keys: dimensions.map((dimension, i) => statisticsRowKey(row, dimension, i)),
    count: Number(row.n),
  }));
  // in the natural order once more after disclosure control (`orderResidentStatistics`, by the caller)
  return { total, groups: ordered ? orderResidentStatistics(groups) : groups };
}

/** A row of `residentStatisticsRows`: per dimension i its value `v<i>` ('' for unknown) and label `l<i>`, count `n`. */
export type StatisticsRow = Record<string, string | number | null>;

/** The value of a row's i-th dimension as a key's value ('' counted as «未知»: `UNKNOWN`). */
export function statisticsRowValue(row: StatisticsRow, i: number): string {
  const value = row[`v${i}`];
  return value == null || value === '' ? UNKNOWN.value : String(value);
}

/** The key of a row's i-th dimension, labelled. */
export function statisticsRowKey(row: StatisticsRow, dimension: StatisticsDimension, i: number): StatisticsKey {
  const label = row[`l${i}`];
  return { dimension, ...labelOf(dimension, String(row[`v${i}`] ?? ''), label == null ? undefined : String(label)) };
}

/**
 * `residentStatistics`'s groups as the SQL rows (`StatisticsRow`, unordered, none without anyone), with the total:
 * for a caller that numbers them itself (`controlWholeTable`) and needs no labelled group per row. Without
 * dimensions, no rows: the total only.
 */
export async function residentStatisticsRows(
  em: EntityManager,
  criteria: ResidentCriteria | null | undefined,
  scope: StatisticsScope,
  dimensions: readonly StatisticsDimension[],
  today: string,
  includeSensitive: boolean,
): Promise<{ total: number; rows: StatisticsRow[] }> {
  // Ages need the birth date, which makes nearly every resident its own group: without them, the coarser table.
  const needsAge =
    dimensions.includes('AGE_BAND') ||
    dimensions.includes('CARE_CATEGORY') || // 高龄 is derived from the birth date
    criteria?.minAge != null ||
    criteria?.maxAge != null ||
    criteria?.careCategory === 'ADVANCED_AGE';
  // Without a building, the tables by grid (no building to join): with ages, the tables by grid and birth year,
  // exact by day where a cut-off falls; without, the table without birth years.
  const byGrid = !dimensions.includes('BUILDING') && !criteria?.buildingId;
  const where = rollupWhereSql(scope, criteria, today, byGrid ? 'g."grid_id"' : undefined);
  // the rows for these dimensions (with the query's filter): by year, the smallest table that has what they need
  const fromFor = (counted: readonly StatisticsDimension[]) =>
    byGrid
      ? `${
          needsAge
            ? ageRollupSql(cutoffDates(counted, criteria, today), ageColumnsNeeded(counted, criteria, scope), today)
            : '"resident_grid_rollup"'
        } g left join "grid" gr on gr."id" = g."grid_id"`
      : `${
          needsAge ? buildingAgeSql(cutoffDates(counted, criteria, today), today) : '"resident_place_rollup"'
        } g left join "building" b on b."id" = g."building_id" left join "grid" gr on gr."id" = b."grid_id"`;
  const from = fromFor(dimensions);
  const connection = em.getConnection();
  // the total needs no dimension: by year, only what the filter refers to (by care category, no care categories)
  const totalOf = async () => {
    const [totalRow] = (await connection.execute(
      `select coalesce(sum(g."n"), 0) as "n" from ${fromFor([])} where ${where.text}`,
      where.params,
    )) as Array<{ n: number | string }>;
    return Number(totalRow?.n ?? 0);
  };
  if (dimensions.length === 0) return { total: await totalOf(), rows: [] };
  const exprs = dimensions.map((d) => dimensionSql(d, today));
  const select: string[] = [];
  /** The columns of `select` by name (`v<i>`, `l<i>`). */
  const names: string[] = [];
  const selectParams: unknown[] = [];
  // by care category: the other dimensions grouped in SQL with a sum per category (`careSumsSql`), a row per category
  // with anyone made of each here
  const careAt = dimensions.indexOf('CARE_CATEGORY');
  exprs.forEach((e, i) => {
    if (i === careAt) return;
    select.push(`${e.value} as "v${i}"`);
    names.push(`v${i}`);
    selectParams.push(...e.params);
    if (e.label) {
      select.push(`${e.label} as "l${i}"`);
      names.push(`l${i}`);
    }
  });
  const groupBy = select.map((_, i) => i + 1).join(', ');
  let rows: StatisticsRow[];
  if (careAt >= 0) {
    const care = careSumsSql(today, includeSensitive);
    const sums = (await connection.execute(
      `select ${[...select, ...care.select].join(', ')} from ${from} where ${where.text}
       ${groupBy ? `group by ${groupBy}` : ''}`,
      [...selectParams, ...care.params, ...where.params],
    )) as StatisticsRow[];
    rows = [];
    for (const row of sums)
      care.codes.forEach((code, k) => {
        const n = Number(row[`k${k}`] ?? 0);
        if (n > 0) {
          const categoryRow: StatisticsRow = { n, [`v${careAt}`]: code };
          for (const name of names) categoryRow[name] = row[name] ?? null;
          rows.push(categoryRow);
        }
      });
  } else {
    rows = (await connection.execute(
      `select ${select.join(', ')}, sum(g."n") as "n" from ${from} where ${where.text}
       group by ${groupBy} having sum(g."n") > 0`,
      [...selectParams, ...where.params],
    )) as StatisticsRow[];
  }
  // Each resident is in one group unless care categories are a dimension (one group per category): then apart.
  const total = dimensions.includes('CARE_CATEGORY')
    ? await totalOf()
    : rows.reduce((sum, row) => sum + Number(row.n), 0);
  return { total, rows };
}
