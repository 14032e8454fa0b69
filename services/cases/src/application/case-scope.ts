import type { FilterQuery } from '@mikro-orm/core';
import { communityWhere, inCommunityScope, type SubgraphContext } from '@shequ/subgraph';
import type { Case } from '../entities/case.js';
import { GridProjection } from '../entities/grid-projection.js';

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
