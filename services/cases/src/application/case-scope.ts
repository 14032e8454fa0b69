import type { FilterQuery } from '@mikro-orm/core';
import { communityWhere, inCommunityScope, type SubgraphContext } from '@shequ/subgraph';
import type { Case } from '../entities/case.js';
import { GridProjection } from '../entities/grid-projection.js';
import type { Visit } from '../entities/visit.js';
import { householdGrid } from './visits.js';

/**
 * Cases the caller may see: its community (or region); a departmental role only its department's cases;
 * a grid worker only cases of its own grids (codes mapped to ids through the grid projection).
 */
export async function caseScope(ctx: SubgraphContext): Promise<FilterQuery<Case>[]> {
  const scope: FilterQuery<Case>[] = [communityWhere(ctx.access)];
  const departments = ctx.access.caseDepartments();
  if (departments) scope.push({ department: { $in: departments } });
  const grids = await visibleGridIds(ctx);
  if (grids) scope.push({ gridId: { $in: [...grids] } });
  return scope;
}

/**
 * The grid ids a grid worker may see (their grid codes mapped through the grid projection); null for callers not
 * limited to grids.
 */
export async function visibleGridIds(ctx: SubgraphContext): Promise<Set<string> | null> {
  const gridCodes = ctx.access.gridCodes();
  if (!gridCodes) return null;
  const grids = await ctx.em.find(GridProjection, { code: { $in: gridCodes } });
  return new Set(grids.map((g) => g.gridId));
}

/** Row scope for one case already loaded. */
export async function caseVisible(ctx: SubgraphContext, record: Case): Promise<boolean> {
  if (!inCommunityScope(ctx.access, record.communityId)) return false;
  const departments = ctx.access.caseDepartments();
  if (departments && !departments.includes(record.department)) return false;
  const gridCodes = ctx.access.gridCodes();
  if (!gridCodes) return true;
  if (!record.gridId) return false;
  const grid = await ctx.loaders.byKey(GridProjection, 'gridId').load(record.gridId);
  return !!grid && gridCodes.includes(grid.code);
}

/**
 * The visits of one household the caller may see: its community; a grid worker only visits in its grids (a visit
 * recorded without a grid counts in the household's current grid).
 */
export async function visibleHouseholdVisits(
  ctx: SubgraphContext,
  householdId: string,
  rows: readonly Visit[],
): Promise<Visit[]> {
  const inCommunity = rows.filter((v) => inCommunityScope(ctx.access, v.communityId));
  const grids = await visibleGridIds(ctx);
  if (!grids) return inCommunity;
  let currentGrid: string | null | undefined;
  const visible: Visit[] = [];
  for (const visit of inCommunity) {
    let gridId = visit.gridId;
    if (!gridId)
      gridId = currentGrid === undefined ? (currentGrid = await householdGrid(ctx.em, householdId)) : currentGrid;
    if (gridId && grids.has(gridId)) visible.push(visit);
  }
  return visible;
}
