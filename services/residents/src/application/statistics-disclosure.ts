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
  caller: { includeSensitive: boolean; seesCategory: (category: CareCategory) => boolean },
): Promise<ControlledStatistics> {
  const dimensions = [...new Set(groupBy)];
  const counted = CareCategories.codes.filter((c) => caller.includeSensitive || !SENSITIVE_CATEGORIES.includes(c));
  const filterCategory = (criteria?.careCategory ?? null) as CareCategory | null;
  const protectedFilter = filterCategory !== null && !caller.seesCategory(filterCategory);
  const protectedDimension = dimensions.includes('CARE_CATEGORY') && !counted.every(caller.seesCategory);
  if (!protectedFilter && !protectedDimension) {
    const result = await residentStatistics(em, criteria, scope, dimensions, today, caller.includeSensitive);
    return {
      total: result.total,
      totalSuppressed: null,
      groups: result.groups.map((g) => ({ ...g, suppressed: null })),
    };
  }
  if (protectedFilter && dimensions.includes('CARE_CATEGORY'))
    throw new InvalidInputError('groupBy', '按无权查看的关爱对象类别筛选时，不能再按关爱类别分组');
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
