import type { EntityManager } from '@mikro-orm/core';
import {
  CaseCategories,
  CaseChannels,
  CaseStatuses,
  declaredOrder,
  Departments,
  monthStatisticsKey,
  namedStatisticsKey,
  sortStatisticsGroups,
  vocabularyStatisticsKey,
  type StatisticsKey,
  type StatisticsOrder,
} from '@shequ/contracts';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';

export type CaseStatisticsKey = StatisticsKey<CaseStatisticsDimension>;

/** Each dimension's natural order: codes as declared, grids by name, months chronologically. */
const ORDERS: Record<CaseStatisticsDimension, StatisticsOrder> = {
  CATEGORY: declaredOrder(CaseCategories),
  CHANNEL: declaredOrder(CaseChannels),
  STATUS: declaredOrder(CaseStatuses),
  GRID: 'collated',
  DEPARTMENT: declaredOrder(Departments),
  MONTH: 'chronological',
};

/**
 * The keys of `caseStatistics`' groups (in the order of `groupBy`: codes with their Chinese labels, grids by id with
 * the name residents announced, months as 2026年3月), the groups in their natural order (`sortStatisticsGroups`,
 * the same in every service). Labels are of the values listed only: disclosure control has chosen the groups.
 */
export async function withCaseStatisticsKeys<G extends { key: StatisticsGroup['key'] }>(
  em: EntityManager,
  dimensions: readonly CaseStatisticsDimension[],
  groups: readonly G[],
): Promise<Array<G & { keys: CaseStatisticsKey[] }>> {
  const gridIds = dimensions.includes('GRID')
    ? [...new Set(groups.map((g) => g.key.GRID).filter((id): id is string => !!id))]
    : [];
  // names as plain rows, no entities (an analyst's district table lists ~200 grids)
  const grids = gridIds.length
    ? ((await em
        .getConnection()
        .execute(
          `select "grid_id" as "gridId", "name" as "name" from "grid_projection" where "grid_id" in (${gridIds
            .map(() => '?')
            .join(', ')})`,
          gridIds,
        )) as Array<{ gridId: string; name: string }>)
    : [];
  const gridNames = new Map(grids.map((grid) => [String(grid.gridId), String(grid.name)]));
  const keyOf = (dimension: CaseStatisticsDimension, value: string | null | undefined): CaseStatisticsKey => {
    switch (dimension) {
      case 'CATEGORY':
        return vocabularyStatisticsKey(dimension, CaseCategories, value);
      case 'CHANNEL':
        return vocabularyStatisticsKey(dimension, CaseChannels, value);
      case 'STATUS':
        return vocabularyStatisticsKey(dimension, CaseStatuses, value);
      case 'DEPARTMENT':
        return vocabularyStatisticsKey(dimension, Departments, value);
      case 'GRID':
        return namedStatisticsKey(dimension, value, value ? gridNames.get(value) : null);
      case 'MONTH':
        return monthStatisticsKey(dimension, value);
    }
  };
  // one key object per dimension and value, shared by the groups (a district's grid × month table is 15,000
  // groups of a few hundred distinct keys: no 30,000 objects for the collector)
  const known = dimensions.map(() => new Map<string | null | undefined, CaseStatisticsKey>());
  const keysOf = (group: G) =>
    dimensions.map((d, i) => {
      const value = group.key[d];
      let key = known[i].get(value);
      if (!key) known[i].set(value, (key = keyOf(d, value)));
      return key;
    });
  return sortStatisticsGroups(
    groups.map((group) => ({ ...group, keys: keysOf(group) })),
    ORDERS,
  );
}
