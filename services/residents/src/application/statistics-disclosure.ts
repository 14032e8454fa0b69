import type { EntityManager } from '@mikro-orm/core';
import { controlDisclosure, controlTotal, disclosureThreshold, type ControlledCount } from '@shequ/auth';
import { CareCategories, type CareCategory } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import type { ResidentCriteria } from './resident-query.js';
import {
  residentStatistics,
  type StatisticsDimension,
  type StatisticsKey,
  type StatisticsScope,
} from './statistics.js';

export interface ControlledStatistics {
  total: number | null;
  totalSuppressed: string | null;
  groups: Array<{ keys: StatisticsKey[] } & ControlledCount>;
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

/**
 * The most groups a table controlled as a whole may list: it lists every combination of the values in scope (zero
 * cells too), so a district's buildings × genders × age bands would be hundreds of thousands of rows.
 */
export const MAX_CONTROLLED_GROUPS = 20_000;

/**
 * `residentStatistics` for a caller who may not read residents at all (without `residents:read`: analysts, keys with
 * `residents:statistics` alone). Every count is of people whose gender, age, residence type and care categories
 * the caller cannot read, so every cell is controlled, as `caseStatistics` and `eventStatistics` control theirs: the
 * table lists every combination of the values present in the caller's scope before the filters (every care
 * category it may count and «非关爱对象»), zero cells too, a cell below the threshold is null, secondary suppression
 * along every dimension, and the total is null below the threshold.
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
  const result = await residentStatistics(em, criteria, scope, dimensions, today, includeSensitive);
  const total = controlTotal(result.total, threshold);
  if (dimensions.length === 0)
    return {
      total: total.count,
      totalSuppressed: total.suppressed,
      groups: result.groups.map((g) => ({ ...g, ...controlTotal(g.count, threshold) })),
    };
  const filtered = criteria && Object.values(criteria).some((v) => v !== null && v !== undefined);
  const universe = filtered ? await residentStatistics(em, null, scope, dimensions, today, includeSensitive) : result;
  const values = dimensions.map((dimension, i) => {
    const byValue = new Map<string, StatisticsKey>();
    if (dimension === 'CARE_CATEGORY') {
      for (const c of counted) byValue.set(c, { dimension, value: c, label: CareCategories.labels[c] });
      byValue.set(NONE.value, { dimension, ...NONE });
    }
    for (const group of [...universe.groups, ...result.groups])
      if (!byValue.has(group.keys[i].value)) byValue.set(group.keys[i].value, group.keys[i]);
    return [...byValue.values()];
  });
  const size = values.reduce((n, v) => n * v.length, 1);
  if (size > MAX_CONTROLLED_GROUPS)
    throw new InvalidInputError(
      'groupBy',
      `分组过细：受统计披露控制的统计表最多 ${MAX_CONTROLLED_GROUPS} 组（本次 ${size} 组），请减少分组维度或缩小范围`,
    );
  const idOf = (keys: readonly StatisticsKey[]) => keys.map((k) => k.value).join('\u0000');
  const byKey = new Map(result.groups.map((g) => [idOf(g.keys), g.count]));
  const cells: Array<{ keys: StatisticsKey[]; count: number }> = [];
  const combine = (prefix: StatisticsKey[]) => {
    if (prefix.length === dimensions.length) {
      cells.push({ keys: prefix, count: byKey.get(idOf(prefix)) ?? 0 });
      return;
    }
    for (const key of values[prefix.length]) combine([...prefix, key]);
  };
  combine([]);
  const controlled = controlDisclosure<StatisticsKey[], (typeof cells)[number]>(cells, {
    threshold,
    isProtected: () => true,
    lines: dimensions.map(
      (_, index) => (keys: StatisticsKey[]) =>
        keys
          .filter((_k, i) => i !== index)
          .map((k) => k.value)
          .join('\u0000'),
    ),
  });
  return { total: total.count, totalSuppressed: total.suppressed, groups: controlled };
}
