import type { EntityManager } from '@mikro-orm/core';
import {
  controlDisclosure,
  controlledTableSize,
  crossTableGroups,
  crossTableStrides,
  controlTotal,
  disclosureThreshold,
  MAX_CONTROLLED_GROUPS,
  type ControlledCount,
} from '@shequ/auth';
import { communityScopeSql } from '@shequ/database';
import {
  CareCategories,
  compareStatisticsValues,
  Genders,
  ResidenceTypes,
  ResidentStatuses,
  type CareCategory,
} from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { AgeBands } from '../domain/age-bands.js';
import { SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import type { ResidentCriteria } from './resident-query.js';
import {
  residentStatistics,
  residentStatisticsRows,
  statisticsRowKey,
  statisticsRowValue,
  type StatisticsDimension,
  type StatisticsKey,
  type StatisticsScope,
} from './statistics.js';

export interface ControlledStatistics {
  total: number | null;
  totalSuppressed: string | null;
  groups: Array<{ keys: StatisticsKey[] } & ControlledCount>;
  /** True when the groups are known to be in their natural order (`orderResidentStatistics`) already. */
  inNaturalOrder?: boolean;
}

const NONE = { value: 'NONE', label: '非关爱对象' };

/**
 * `residentStatistics` as a caller may see it. Where the caller may not see a care category person by person
 * (analysts, 计生, 综治 for ordinary categories …), counts by that category follow disclosure control
 * (libs/auth `controlDisclosure`): the table lists every category for every group of the other dimensions
 * (zero cells too), cells below the threshold are null with a reason, secondary suppression along every line; a
 * filter on such a category is counted the same way (as one column) and its total is null below the threshold.
 */
export async function controlledResidentStatistics(
  em: EntityManager,
  criteria: ResidentCriteria | null | undefined,
  scope: StatisticsScope,
  groupBy: StatisticsDimension[],
  today: string,
  caller: {
    includeSensitive: boolean;
    seesCategory: (category: CareCategory) => boolean;
    /** Whether the caller may read residents person by person (`residents:read`); default true. */
    readsResidents?: boolean;
  },
): Promise<ControlledStatistics> {
  const dimensions = [...new Set(groupBy)];
  const counted = CareCategories.codes.filter((c) => caller.includeSensitive || !SENSITIVE_CATEGORIES.includes(c));
  const filterCategory = (criteria?.careCategory ?? null) as CareCategory | null;
  const protectedFilter = filterCategory !== null && !caller.seesCategory(filterCategory);
  const protectedDimension = dimensions.includes('CARE_CATEGORY') && !counted.every(caller.seesCategory);
  if (protectedFilter && dimensions.includes('CARE_CATEGORY'))
    throw new InvalidInputError('groupBy', '按无权查看的关爱对象类别筛选时，不能再按关爱类别分组');
  if (caller.readsResidents === false)
    return controlWholeTable(em, criteria, scope, dimensions, today, caller.includeSensitive, counted);
  if (!protectedFilter && !protectedDimension) {
    const result = await residentStatistics(em, criteria, scope, dimensions, today, caller.includeSensitive);
    return {
      total: result.total,
      totalSuppressed: null,
      groups: result.groups.map((g) => ({ ...g, suppressed: null })),
    };
  }
  // Count over everyone the other criteria select, with the care category as the last dimension, so that groups
  // exist whether or not anyone in them has the category (a group's presence tells nothing).
  const others = dimensions.filter((d) => d !== 'CARE_CATEGORY');
  const result = await residentStatistics(
    em,
    { ...criteria, careCategory: null },
    scope,
    [...others, 'CARE_CATEGORY'],
    today,
    caller.includeSensitive,
  );
  const columns = protectedFilter
    ? [{ value: filterCategory, label: CareCategories.labels[filterCategory] }]
    : [...counted.map((c) => ({ value: c, label: CareCategories.labels[c] })), NONE];
  const byKey = new Map(result.groups.map((g) => [g.keys.map((k) => k.value).join('\u0000'), g]));
  const rows = new Map<string, StatisticsKey[]>();
  for (const group of result.groups) {
    const rowKeys = group.keys.slice(0, others.length);
    rows.set(rowKeys.map((k) => k.value).join('\u0000'), rowKeys);
  }
  if (rows.size === 0 && others.length === 0) rows.set('', []);
  const cells = [...rows.entries()].flatMap(([rowId, rowKeys]) =>
    columns.map((column) => ({
      keys: [...rowKeys, { dimension: 'CARE_CATEGORY' as const, ...column }],
      count: byKey.get(rowKeys.length ? `${rowId}\u0000${column.value}` : column.value)?.count ?? 0,
    })),
  );
  const categoryOf = (keys: StatisticsKey[]) => keys[keys.length - 1].value;
  const threshold = disclosureThreshold();
  const controlled = controlDisclosure<StatisticsKey[], (typeof cells)[number]>(cells, {
    threshold,
    isProtected: (keys) => {
      const category = categoryOf(keys);
      return category === 'NONE' ? !counted.every(caller.seesCategory) : !caller.seesCategory(category as CareCategory);
    },
    lines: [
      (keys) =>
        keys
          .slice(0, -1)
          .map((k) => k.value)
          .join('\u0000'),
      ...others.map(
        (_, index) => (keys: StatisticsKey[]) =>
          keys
            .filter((_k, i) => i !== index)
            .map((k) => k.value)
            .join('\u0000'),
      ),
    ],
  });
  if (!protectedFilter) return { total: result.total, totalSuppressed: null, groups: controlled };
  const total = controlTotal(
    cells.reduce((sum, cell) => sum + cell.count, 0),
    threshold,
  );
  return {
    total: total.count,
    totalSuppressed: total.suppressed,
    groups: controlled.map((g) => ({ ...g, keys: dimensions.length ? g.keys.slice(0, -1) : [] })),
  };
}

export { MAX_CONTROLLED_GROUPS };

/**
 * `residentStatistics` for a caller who may not read residents at all (without `residents:read`: analysts, keys with
 * `residents:statistics` alone). Every count is of people whose gender, age, residence type and care categories
 * the caller cannot read, so every cell is controlled, as `caseStatistics` and `eventStatistics` control theirs: the
 * table lists every combination of the values each dimension can take in the caller's scope (`valuesInScope`: the
 * grids and buildings of the place registry, every gender, age band, residence type and status, every care
 * category it may count and «非关爱对象»), zero cells too, a cell below the threshold is null, secondary suppression
 * along every dimension, and the total is null below the threshold. Listing the values that can be, not those that
 * are, tells nothing of the people and costs no second count: one grouped query over the rollup, whatever the filter.
 */
async function controlWholeTable(
  em: EntityManager,
  criteria: ResidentCriteria | null | undefined,
  scope: StatisticsScope,
  dimensions: StatisticsDimension[],
  today: string,
  includeSensitive: boolean,
  counted: readonly CareCategory[],
): Promise<ControlledStatistics> {
  const threshold = disclosureThreshold();
  if (dimensions.length === 0) {
    const result = await residentStatistics(em, criteria, scope, dimensions, today, includeSensitive, false);
    const total = controlTotal(result.total, threshold);
    return {
      total: total.count,
      totalSuppressed: total.suppressed,
      groups: result.groups.map((g) => ({ ...g, ...controlTotal(g.count, threshold) })),
    };
  }
  // the SQL rows as they come, numbered straight into the cross table: no labelled group per row; the answer is
  // listed in the order of the values in scope (`valuesInScope`), not the order of the counted groups
  const { total: countedTotal, rows } = await residentStatisticsRows(
    em,
    criteria,
    scope,
    dimensions,
    today,
    includeSensitive,
  );
  const total = controlTotal(countedTotal, threshold);
  const values = await valuesInScope(em, scope, dimensions, counted);
  const digitOf = values.map((keys) => new Map(keys.map((key, digit) => [key.value, digit])));
  // a value counted but not in the registry of the scope (a resident whose building is another community's): listed
  // after the others, out of the natural order
  let inNaturalOrder = true;
  for (const row of rows)
    for (let i = 0; i < dimensions.length; i++)
      if (!digitOf[i].has(statisticsRowValue(row, i))) {
        const key = statisticsRowKey(row, dimensions[i], i);
        digitOf[i].set(key.value, values[i].length);
        values[i].push(key);
        inNaturalOrder = false;
      }
  const sizes = values.map((v) => v.length);
  const size = controlledTableSize(sizes);
  // cells numbered in mixed radix (the last dimension fastest, the order the combinations were listed in): no key
  // object, string or line key per cell until the answer is built, and each answer's group built once
  const strides = crossTableStrides(sizes);
  const counts = new Float64Array(size);
  for (const row of rows) {
    let cell = 0;
    for (let i = 0; i < dimensions.length; i++) cell += digitOf[i].get(statisticsRowValue(row, i))! * strides[i];
    counts[cell] = Number(row.n);
  }
  // each answer's group built once from the verdicts, the keys shared (libs/auth, as party's tables)
  const groups = crossTableGroups(values, counts, threshold);
  return { total: total.count, totalSuppressed: total.suppressed, groups, inNaturalOrder };
}

const UNKNOWN = { value: 'UNKNOWN', label: '未知' };

/**
 * The values each dimension can take in the caller's scope, without counting anyone: the grids and the buildings of
 * the scope's communities (a grid worker's grids) from the place registry; every gender, age band, residence type
 * and status of the vocabularies; the care categories counted and «非关爱对象». «未知» (no building, no gender, no
 * birth date recorded) is listed where someone in the scope has it, whatever the filter — a probe of one row by an
 * index (`unknownInScope`), never a count: listed always, its zero cell would cost a shown cell of every line to
 * secondary suppression. Small queries only (grids, buildings, one probe per dimension with «未知»).
 */
async function valuesInScope(
  em: EntityManager,
  scope: StatisticsScope,
  dimensions: readonly StatisticsDimension[],
  counted: readonly CareCategory[],
): Promise<StatisticsKey[][]> {
  const connection = em.getConnection();
  const communityOf = (column: string) => communityScopeSql(column, scope.community.communityId);
  const unknown = async (dimension: StatisticsDimension): Promise<StatisticsKey[]> => {
    const found = await unknownInScope(connection, communityOf, dimension, scope.gridCodes !== null);
    return found ? [{ dimension, ...UNKNOWN }] : [];
  };
  const places = async (dimension: 'GRID' | 'BUILDING'): Promise<StatisticsKey[]> => {
    const alias = dimension === 'GRID' ? 'gr' : 'b';
    const community = communityOf(`${alias}."community_id"`);
    const parts = [community.text];
    const params: unknown[] = [...community.params];
    if (scope.gridCodes) {
      parts.push(scope.gridCodes.length ? `gr."code" in (${scope.gridCodes.map(() => '?').join(', ')})` : '1 = 0');
      params.push(...scope.gridCodes);
    }
    const from = dimension === 'GRID' ? '"grid" gr' : '"building" b join "grid" gr on gr."id" = b."grid_id"';
    const rows = (await connection.execute(
      `select ${alias}."id" as "id", ${alias}."name" as "name" from ${from}
       where ${parts.map((p) => `(${p})`).join(' and ')} order by ${alias}."id"`,
      params,
    )) as Array<{ id: string; name: string }>;
    // the answer's natural order (`orderResidentStatistics`): the table is listed in it, so that order is kept
    const keys = collatedPlaces(`${dimension}\u0000${JSON.stringify(params)}`, dimension, rows);
    return [...keys, ...(await unknown(dimension))];
  };
  const vocabulary = (dimension: StatisticsDimension, labels: Record<string, string>): StatisticsKey[] =>
    Object.entries(labels).map(([value, label]) => ({ dimension, value, label }));
  const valuesOf = async (dimension: StatisticsDimension): Promise<StatisticsKey[]> => {
    switch (dimension) {
      case 'GRID':
      case 'BUILDING':
        return places(dimension);
      case 'GENDER':
        return [...vocabulary(dimension, Genders.labels), ...(await unknown(dimension))];
      case 'AGE_BAND':
        return [...vocabulary(dimension, AgeBands.labels), ...(await unknown(dimension))];
      case 'RESIDENCE_TYPE':
        return vocabulary(dimension, ResidenceTypes.labels);
      case 'STATUS':
        return vocabulary(dimension, ResidentStatuses.labels);
      case 'CARE_CATEGORY':
        return [
          ...counted.map((c) => ({ dimension, value: c, label: CareCategories.labels[c] })),
          { dimension, ...NONE },
        ];
    }
  };
  const values: StatisticsKey[][] = [];
  for (const dimension of dimensions) values.push(await valuesOf(dimension));
  return values;
}

/** The places last listed per dimension and scope, with their keys in collated order (`collatedPlaces`). */
const placesListed = new Map<string, { ids: string[]; names: string[]; keys: readonly StatisticsKey[] }>();
const PLACES_LISTED_MAX = 64;

/**
 * A scope's grids or buildings as keys in their collated order (`compareStatisticsValues`). Sorting a district's
 * 3,720 buildings by Chinese collation is ~45,000 collations, the largest cost of a building table once counted
 * (profile in docs/performance.md): the order is kept per dimension and scope with the ids and names it was worked
 * out from, and reused while the registry's rows (read every time, ordered by id) are the same ids and names —
 * never stale, only the collation saved.
 */
function collatedPlaces(
  cacheKey: string,
  dimension: 'GRID' | 'BUILDING',
  rows: ReadonlyArray<{ id: unknown; name: unknown }>,
): readonly StatisticsKey[] {
  const ids = rows.map((row) => String(row.id));
  const names = rows.map((row) => String(row.name));
  const listed = placesListed.get(cacheKey);
  if (
    listed &&
    listed.ids.length === ids.length &&
    ids.every((id, i) => id === listed.ids[i] && names[i] === listed.names[i])
  )
    return listed.keys;
  const keys = ids
    .map((value, i) => ({ dimension, value, label: names[i] }))
    .sort((a, b) => compareStatisticsValues('collated', a, b));
  if (placesListed.size >= PLACES_LISTED_MAX) placesListed.delete(placesListed.keys().next().value!);
  placesListed.set(cacheKey, { ids, names, keys });
  return keys;
}

/**
 * Whether anyone in the scope (before any filter) has no building (GRID, BUILDING; never in a grid worker's scope,
 * which is grids), no gender or no birth date (AGE_BAND): one row looked up by an index — the rollups' building
 * index, the per-community count rollup (a few rows a community), the residents' birth-date index.
 */
async function unknownInScope(
  connection: ReturnType<EntityManager['getConnection']>,
  communityOf: (column: string) => { text: string; params: string[] },
  dimension: StatisticsDimension,
  gridScope: boolean,
): Promise<boolean> {
  const probe = async (from: string, condition: string, column: string) => {
    const community = communityOf(column);
    const rows = (await connection.execute(
      `select 1 as "found" from ${from} where ${condition} and (${community.text}) limit 1`,
      community.params,
    )) as unknown[];
    return rows.length > 0;
  };
  switch (dimension) {
    case 'GRID':
    case 'BUILDING':
      return !gridScope && probe('"resident_place_rollup" g', `g."building_id" = '' and g."n" > 0`, 'g."community_id"');
    case 'GENDER':
      return probe('"resident_count_rollup" g', `g."gender" = '' and g."n" > 0`, 'g."community_id"');
    case 'AGE_BAND':
      return probe('"resident" r', `r."birth_date" is null`, 'r."community_id"');
    default:
      return false;
  }
}
