import { NotFoundError } from '@shequ/errors';
import { inCommunityScope, type ReferenceResolvers, type SubgraphContext } from '@shequ/subgraph';
import { householdVisible, residentVisible } from '../application/resident-scope.js';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { Organization } from '../entities/organization.js';
import { Staff } from '../entities/staff.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';

/**
 * A reference to a record that does not exist is an error of that one item (the gateway nulls the field there and
 * lists the error), never of the whole answer; a record the caller may not see is a quiet null.
 */
function known<T>(row: T | null | undefined, entity: string, id: string): T {
  if (!row) throw new NotFoundError(entity, id, `${entity} ${id} 不存在（引用无法解析）`);
  return row;
}

/**
 * How the gateway's `{ __typename, id }` references become entities: one batched query per type. Each type
 * applies the permission and row scope of its root query (`residents`, `households`, `buildings`, `grids`:
 * residents:read and, for grid workers, their grids; `staff`, `organizations`: organizations:read), so a
 * caller who calls the subgraph directly gets null where the root query would refuse or leave the row out.
 */
export const residentsReferenceResolvers: ReferenceResolvers = {
  Resident: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      if (!ctx.access.can('residents:read')) return null;
      const resident = known(await ctx.loaders.rowsById(Resident).load(ref.id), '居民', ref.id);
      return resident && (await residentVisible(ctx, resident)) ? resident : null;
    },
  },
  Household: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      if (!ctx.access.can('residents:read')) return null;
      const household = known(await ctx.loaders.rowsById(Household).load(ref.id), '住户', ref.id);
      return household && (await householdVisible(ctx, household)) ? household : null;
    },
  },
  Grid: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      if (!ctx.access.can('residents:read')) return null;
      const grid = known(await ctx.loaders.rowsById(Grid).load(ref.id), '网格', ref.id);
      if (!inCommunityScope(ctx.access, grid.communityId)) return null;
      const grids = ctx.access.gridCodes();
      return !grids || grids.includes(grid.code) ? grid : null;
    },
  },
  Building: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      if (!ctx.access.can('residents:read')) return null;
      const building = known(await ctx.loaders.rowsById(Building).load(ref.id), '楼栋', ref.id);
      if (!inCommunityScope(ctx.access, building.communityId)) return null;
      const grids = ctx.access.gridCodes();
      return !grids || grids.includes((await ctx.loaders.rowsById(Grid).load(building.grid.id))?.code ?? '')
        ? building
        : null;
    },
  },
  Staff: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      if (!ctx.access.can('organizations:read')) return null;
      const staff = known(await ctx.loaders.byId(Staff).load(ref.id), '社区工作者', ref.id);
      return staff && inCommunityScope(ctx.access, staff.communityId) ? staff : null;
    },
  },
  Organization: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      if (!ctx.access.can('organizations:read')) return null;
      const organization = known(await ctx.loaders.byId(Organization).load(ref.id), '组织', ref.id);
      return organization && inCommunityScope(ctx.access, organization.communityId) ? organization : null;
    },
  },
};
