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
  compareStatisticsValues,
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

type Value = StatisticsGroup['key'][CaseStatisticsDimension];

/** Each dimension's keys (one object per value, shared by the groups) and its values in their natural order. */
export interface CaseStatisticsKeyer {
  keyOf(dimension: number, value: Value | undefined): CaseStatisticsKey;
  /** The values of dimension `dimension` in its natural order (`ORDERS`, as `sortStatisticsGroups` orders them). */
  ordered(dimension: number, values: readonly Value[]): Value[];
}

/**
 * The keys of `caseStatistics`' dimensions (codes with their Chinese labels, grids by id with the name residents
 * announced — one query for `gridIds` —, months as 2026年3月), one key object per dimension and value (a district's
 * grid × month table is 15,000 groups of a few hundred distinct keys: no 30,000 objects for the collector).
 */
export async function caseStatisticsKeyer(
  em: EntityManager,
  dimensions: readonly CaseStatisticsDimension[],
  gridIds: Iterable<string>,
  /** Names already read with the grids listed (`caseStatisticsValues`): only the others are looked up. */
  knownNames?: ReadonlyMap<string, string>,
): Promise<CaseStatisticsKeyer> {
  const ids = dimensions.includes('GRID') ? [...new Set(gridIds)].filter((id) => !!id && !knownNames?.has(id)) : [];
  // names as plain rows, no entities (an analyst's district table lists ~600 grids)
  const grids = ids.length
    ? ((await em
        .getConnection()
        .execute(
          `select "grid_id" as "gridId", "name" as "name" from "grid_projection" where "grid_id" in (${ids
            .map(() => '?')
            .join(', ')})`,
          ids,
        )) as Array<{ gridId: string; name: string }>)
    : [];
  const gridNames = new Map(knownNames);
  for (const grid of grids) gridNames.set(String(grid.gridId), String(grid.name));
  const make = (dimension: CaseStatisticsDimension, value: string | null | undefined): CaseStatisticsKey => {
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
  const known = dimensions.map(() => new Map<Value | undefined, CaseStatisticsKey>());
  const keyOf = (i: number, value: Value | undefined) => {
    let key = known[i].get(value);
    if (!key) known[i].set(value, (key = make(dimensions[i], value)));
    return key;
  };
  return {
    keyOf,
    ordered: (i, values) =>
      [...values].sort((a, b) => compareStatisticsValues(ORDERS[dimensions[i]], keyOf(i, a), keyOf(i, b))),
  };
}

/**
 * The keys of `caseStatistics`' groups (in the order of `groupBy`: `caseStatisticsKeyer`), the groups in their
 * natural order (`sortStatisticsGroups`, the same in every service: one pass when they already are, as a controlled
 * table listed in the keyer's order is). Labels are of the values listed only: disclosure control has chosen the
 * groups. The groups are given their `keys` in place (they are the caller's own, fresh from the control).
 */
export async function withCaseStatisticsKeys<G extends { key: StatisticsGroup['key'] }>(
  em: EntityManager,
  dimensions: readonly CaseStatisticsDimension[],
  groups: readonly G[],
  keyer?: CaseStatisticsKeyer,
): Promise<Array<G & { keys: CaseStatisticsKey[] }>> {
  const keys =
    keyer ??
    (await caseStatisticsKeyer(
      em,
      dimensions,
      dimensions.includes('GRID') ? groups.map((g) => g.key.GRID).filter((id): id is string => !!id) : [],
    ));
  const width = dimensions.length;
  const keyed = groups as Array<G & { keys: CaseStatisticsKey[] }>;
  for (const group of keyed) {
    const row = new Array<CaseStatisticsKey>(width);
    for (let i = 0; i < width; i++) row[i] = keys.keyOf(i, group.key[dimensions[i]]);
    group.keys = row;
  }
  return sortStatisticsGroups(keyed, ORDERS);
}
