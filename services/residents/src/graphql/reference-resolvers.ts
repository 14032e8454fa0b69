import {
  communityScopedReference,
  inCommunityScope,
  visibleReference,
  type ReferenceResolvers,
  type SubgraphContext,
} from '@shequ/subgraph';
import { householdVisible, residentVisible } from '../application/resident-scope.js';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Organization } from '../entities/organization.js';
import { Staff } from '../entities/staff.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';

/** A grid worker sees the places of their grids only (null: all grids of the caller's communities). */
function inCallersGrids(ctx: SubgraphContext, communityId: string, gridCode: string | undefined): boolean {
  if (!inCommunityScope(ctx.access, communityId)) return false;
  const grids = ctx.access.gridCodes();
  return !grids || grids.includes(gridCode ?? '');
}

/**
 * How the gateway's `{ __typename, id }` references become entities: one batched query per type. Each type
 * applies the permission and row scope of its root query (`residents`, `households`, `buildings`, `grids`:
 * residents:read and, for grid workers, their grids; `staff`, `organizations`: organizations:read). An unknown id and
 * a record the caller may not see are the same quiet null (`visibleReference`: an unknown one is logged as a dangling
 * reference), so the answer never tells whether an id exists.
 */
export const residentsReferenceResolvers: ReferenceResolvers = {
  Resident: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visibleReference(ctx, {
        type: 'Resident',
        id: ref.id,
        permission: 'residents:read',
        load: () => ctx.loaders.rowsById(Resident).load(ref.id),
        visible: (resident) => residentVisible(ctx, resident),
      }),
  },
  Household: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visibleReference(ctx, {
        type: 'Household',
        id: ref.id,
        permission: 'residents:read',
        load: () => ctx.loaders.rowsById(Household).load(ref.id),
        visible: (household) => householdVisible(ctx, household),
      }),
  },
  Grid: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visibleReference(ctx, {
        type: 'Grid',
        id: ref.id,
        permission: 'residents:read',
        load: () => ctx.loaders.rowsById(Grid).load(ref.id),
        visible: (grid) => inCallersGrids(ctx, grid.communityId, grid.code),
      }),
  },
  Building: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visibleReference(ctx, {
        type: 'Building',
        id: ref.id,
        permission: 'residents:read',
        load: () => ctx.loaders.rowsById(Building).load(ref.id),
        visible: async (building) =>
          inCallersGrids(ctx, building.communityId, (await ctx.loaders.rowsById(Grid).load(building.grid.id))?.code),
      }),
  },
  Staff: {
    __resolveReference: communityScopedReference('Staff', 'organizations:read', (ctx, id) =>
      ctx.loaders.byId(Staff).load(id),
    ),
  },
  Organization: {
    __resolveReference: communityScopedReference('Organization', 'organizations:read', (ctx, id) =>
      ctx.loaders.byId(Organization).load(id),
    ),
  },
};
