import type { EntityManager } from '@mikro-orm/core';
import type { ResidentCriteria } from './resident-query.js';
import { rollupWhereSql, type StatisticsScope } from './statistics.js';

/** The list filters a rollup's keys answer exactly: the building (and its grid, read from the building when asked). */
const PLACE_FILTERS = ['gridId', 'buildingId'] as const;
/** ... and the resident's own keys, in every rollup table. */
const KEY_FILTERS = ['residenceType', 'status', 'gender'] as const;
const ANSWERED: ReadonlySet<string> = new Set([...PLACE_FILTERS, ...KEY_FILTERS]);

/**
 * Whether a resident list's `totalCount` can be summed from the rollup (`residentRollup`'s coarser tables) instead
 * of counting resident rows: nothing but grid, building, residence type, status and gender is asked. A household,
 * a name prefix, ages and care categories keep counting rows (their keys are not in the coarser tables).
 */
export function countableFromRollup(criteria: ResidentCriteria | null | undefined): boolean {
  return Object.entries(criteria ?? {}).every(([key, value]) => value == null || value === '' || ANSWERED.has(key));
}

/** The filters `resident_initial_rollup` keys besides the name's first character. */
const INITIAL_ANSWERED: ReadonlySet<string> = new Set(['namePrefix', 'status']);

/**
 * The name prefix's one character when a list's `totalCount` can be summed from `resident_initial_rollup`: a prefix
 * of exactly one code point (after trimming, as the filter trims it; 𠀋, a surrogate pair, is one), at most a status
 * besides it, whole communities (no grid worker's grids). Null otherwise: a longer prefix (a few hundred rows of the
 * `resident (name, community_id)` index) or another filter keeps counting rows.
 */
export function nameInitialCountable(
  scope: StatisticsScope,
  criteria: ResidentCriteria | null | undefined,
): string | null {
  const prefix = criteria?.namePrefix?.trim() ?? '';
  if (scope.gridCodes || [...prefix].length !== 1) return null;
  const others = Object.entries(criteria ?? {}).every(
    ([key, value]) => value == null || value === '' || INITIAL_ANSWERED.has(key),
  );
  return others ? prefix : null;
}

/**
 * The number of residents whose name starts with `initial` (one code point, `nameInitialCountable`) within the
 * caller's communities, optionally of one status: a sum over `resident_initial_rollup`'s groups (one range of its
 * primary key: a few hundred rows for a district), exact because the rollup is kept with every write — and not
 * dependent on the visibility map, as the index-only count of the name index is.
 */
export async function residentCountByInitial(
  em: EntityManager,
  scope: StatisticsScope,
  initial: string,
  status: string | null | undefined,
): Promise<number> {
  // no grid scope (nameInitialCountable), no age and no care filter: `today` is not used
  const where = rollupWhereSql(scope, { status }, '');
  const [row] = (await em
    .getConnection()
    .execute(
      `select coalesce(sum(g."n"), 0) as "n" from "resident_initial_rollup" g where g."name_initial" = ? and ${where.text}`,
      [initial, ...where.params],
    )) as Array<{ n: number | string }>;
  return Number(row?.n ?? 0);
}

/**
 * The number of residents a list matches within the caller's rows, summed over rollup groups (exactly their
 * `count(*)`: the rollup is kept with every write). Whole communities (the district admin's million residents):
 * `resident_count_rollup`, a few rows per community. A grid or building filter, or a grid worker's grids:
 * `resident_place_rollup` joined to the buildings (a building's grid is read now, so a redrawn grid counts its
 * buildings from the moment they move), through its building index. Only for `countableFromRollup` criteria.
 */
export async function residentCountFromRollup(
  em: EntityManager,
  scope: StatisticsScope,
  criteria: ResidentCriteria | null | undefined,
): Promise<number> {
  if (!countableFromRollup(criteria)) throw new Error('residentCountFromRollup: criteria not in the rollup’s keys');
  const byPlace = !!scope.gridCodes || PLACE_FILTERS.some((key) => !!criteria?.[key]);
  const from = byPlace
    ? `"resident_place_rollup" g join "building" b on b."id" = g."building_id" join "grid" gr on gr."id" = b."grid_id"`
    : `"resident_count_rollup" g`;
  // no age and no care filter (countableFromRollup), so `today` is not used
  const where = rollupWhereSql(scope, criteria, '');
  const [row] = (await em
    .getConnection()
    .execute(`select coalesce(sum(g."n"), 0) as "n" from ${from} where ${where.text}`, where.params)) as Array<{
    n: number | string;
  }>;
  return Number(row?.n ?? 0);
}
