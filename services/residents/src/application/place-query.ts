import type { FilterQuery } from '@mikro-orm/core';
import { communityWhere, type SubgraphContext } from '@shequ/subgraph';
import type { Building } from '../entities/building.js';
import type { Grid } from '../entities/grid.js';
import type { Household } from '../entities/household.js';
import { householdScope } from './resident-scope.js';

/** Grids the caller may see: its community, a grid worker only its own grids. */
export function gridScope(ctx: SubgraphContext): FilterQuery<Grid>[] {
  const scope: FilterQuery<Grid>[] = [communityWhere(ctx.access)];
  const grids = ctx.access.gridCodes();
  if (grids) scope.push({ code: { $in: grids } });
  return scope;
}

/** List filters of `buildings` within the caller's row scope (a grid worker only buildings of its grids). */
export function buildingWhere(ctx: SubgraphContext, gridId: string | null | undefined): FilterQuery<Building> {
  const all: FilterQuery<Building>[] = [communityWhere(ctx.access)];
  const grids = ctx.access.gridCodes();
  if (grids) all.push({ grid: { code: { $in: grids } } });
  if (gridId) all.push({ grid: gridId });
  return { $and: all };
}

export interface HouseholdCriteria {
  buildingId?: string | null;
  gridId?: string | null;
  housing?: string | null;
}

/** List filters of `households` within the caller's row scope (all criteria must hold). */
export function householdWhere(
  ctx: SubgraphContext,
  criteria: HouseholdCriteria | null | undefined,
): FilterQuery<Household> {
  const all: FilterQuery<Household>[] = householdScope(ctx);
  if (criteria?.buildingId) all.push({ building: criteria.buildingId });
  if (criteria?.gridId) all.push({ building: { grid: criteria.gridId } });
  if (criteria?.housing) all.push({ housing: criteria.housing as Household['housing'] });
  return { $and: all };
}
