import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { AccessControl } from '@shequ/auth';
import { communityWhere, inCommunityScope, type SubgraphContext } from '@shequ/subgraph';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';
import type { StatisticsScope } from './statistics.js';

/** Residents the caller may see: its community (or region), and for a grid worker only its own grids. */
export function residentScope(ctx: SubgraphContext): FilterQuery<Resident>[] {
  const scope: FilterQuery<Resident>[] = [communityWhere(ctx.access)];
  const grids = ctx.access.gridCodes();
  if (grids) scope.push({ household: { building: { grid: { code: { $in: grids } } } } });
  return scope;
}

/** The same scope for statistics over the rollup (community scope and a grid worker's grid codes). */
export function residentStatisticsScope(ctx: SubgraphContext): StatisticsScope {
  return { community: communityWhere(ctx.access), gridCodes: ctx.access.gridCodes() };
}

export function householdScope(ctx: SubgraphContext): FilterQuery<Household>[] {
  const scope: FilterQuery<Household>[] = [communityWhere(ctx.access)];
  const grids = ctx.access.gridCodes();
  if (grids) scope.push({ building: { grid: { code: { $in: grids } } } });
  return scope;
}

/** The grid code of a household (batched through the request's loaders). */
export async function gridCodeOfHousehold(ctx: SubgraphContext, householdId: string): Promise<string | null> {
  const household = await ctx.loaders.rowsById(Household).load(householdId);
  const building = household && (await ctx.loaders.rowsById(Building).load(household.building.id));
  const grid = building && (await ctx.loaders.rowsById(Grid).load(building.grid.id));
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

/*
 * Row scope inside a write transaction: the same rules, but read through the transaction's EntityManager (the
 * request's loaders use another connection, which SQLite would make wait for the open transaction).
 */
async function gridCodeOfBuildingIn(em: EntityManager, buildingId: string): Promise<string | null> {
  const building = await em.findOne(Building, buildingId);
  const grid = building && (await em.findOne(Grid, building.grid.id));
  return grid?.code ?? null;
}

export async function buildingWritable(access: AccessControl, em: EntityManager, building: Building): Promise<boolean> {
  if (!inCommunityScope(access, building.communityId)) return false;
  const grids = access.gridCodes();
  return !grids || grids.includes((await gridCodeOfBuildingIn(em, building.id)) ?? '');
}

export async function householdWritable(
  access: AccessControl,
  em: EntityManager,
  household: Household,
): Promise<boolean> {
  if (!inCommunityScope(access, household.communityId)) return false;
  const grids = access.gridCodes();
  return !grids || grids.includes((await gridCodeOfBuildingIn(em, household.building.id)) ?? '');
}

export async function residentWritable(access: AccessControl, em: EntityManager, resident: Resident): Promise<boolean> {
  if (!inCommunityScope(access, resident.communityId)) return false;
  if (!access.gridCodes()) return true;
  const household = resident.household && (await em.findOne(Household, resident.household.id));
  return !!household && householdWritable(access, em, household);
}
