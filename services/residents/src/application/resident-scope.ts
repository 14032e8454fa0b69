import type { FilterQuery } from '@mikro-orm/core';
import { communityWhere, inCommunityScope, type SubgraphContext } from '@shequ/subgraph';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import type { Resident } from '../entities/resident.js';

/** Residents the caller may see: its community (or region), and for a grid worker only its own grids. */
export function residentScope(ctx: SubgraphContext): FilterQuery<Resident>[] {
  const scope: FilterQuery<Resident>[] = [communityWhere(ctx.access) as FilterQuery<Resident>];
  const grids = ctx.access.gridCodes();
  if (grids) scope.push({ household: { building: { grid: { code: { $in: grids } } } } });
  return scope;
}

export function householdScope(ctx: SubgraphContext): FilterQuery<Household>[] {
  const scope: FilterQuery<Household>[] = [communityWhere(ctx.access) as FilterQuery<Household>];
  const grids = ctx.access.gridCodes();
  if (grids) scope.push({ building: { grid: { code: { $in: grids } } } });
  return scope;
}

/** The grid code of a household (batched through the request's loaders). */
export async function gridCodeOfHousehold(ctx: SubgraphContext, householdId: string): Promise<string | null> {
  const household = await ctx.loaders.byId(Household).load(householdId);
  const building = household && (await ctx.loaders.byId(Building).load(household.building.id));
  const grid = building && (await ctx.loaders.byId(Grid).load(building.grid.id));
  return grid?.code ?? null;
}

/** Row scope for one household already loaded. */
export async function householdVisible(ctx: SubgraphContext, household: Household): Promise<boolean> {
  if (!inCommunityScope(ctx.access, household.communityId)) return false;
  const grids = ctx.access.gridCodes();
  return !grids || grids.includes((await gridCodeOfHousehold(ctx, household.id)) ?? '');
}

/** Row scope for one resident already loaded. */
export async function residentVisible(ctx: SubgraphContext, resident: Resident): Promise<boolean> {
  if (!inCommunityScope(ctx.access, resident.communityId)) return false;
  const grids = ctx.access.gridCodes();
  if (!grids) return true;
  return resident.household ? grids.includes((await gridCodeOfHousehold(ctx, resident.household.id)) ?? '') : false;
}
