import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { buildingWhere, gridScope, householdWhere } from '../application/place-query.js';
import { assignBuildingLeader, assignGridWorker, registerHousehold, setHousehold } from '../application/places.js';
import { buildingWritable, householdWritable, residentVisible } from '../application/resident-scope.js';
import { Building } from '../entities/building.js';
import { Community } from '../entities/community.js';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';
import { Staff } from '../entities/staff.js';
import { BuildingType } from './building.type.js';
import { BuildingConnection, GridConnection, HouseholdConnection } from './connections.js';
import { GridType } from './grid.type.js';
import { HouseholdType } from './household.type.js';
import { CommunityType } from './organization.type.js';
import {
  AssignBuildingLeaderInput,
  AssignGridWorkerInput,
  BuildingPayload,
  GridPayload,
  HouseholdFilter,
  HouseholdPayload,
  RegisterHouseholdInput,
  UpdateHouseholdInput,
} from './places.inputs.js';
import { ResidentType } from './resident.type.js';
import { StaffType } from './staff.type.js';

async function visibleResident(ctx: SubgraphContext, id: string | null): Promise<Resident | null> {
  const resident = id ? await ctx.loaders.rowsById(Resident).load(id) : null;
  return resident && (await residentVisible(ctx, resident)) ? resident : null;
}

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @Query(() => HouseholdConnection, { description: '住户列表（需 residents:read）：可按网格、楼栋、住房性质筛选' })
  households(
    @Args() page: PageArgs,
    @Arg('filter', () => HouseholdFilter, { nullable: true, description: '筛选条件' }) filter: HouseholdFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:read');
    return paginate(ctx.em, Household, householdWhere(ctx, filter), page, undefined, { rows: true });
  }

  @Mutation(() => HouseholdPayload, { description: '登记住户（需 residents:write）；出租房须登记房东' })
  async registerHousehold(
    @Arg('input', () => RegisterHouseholdInput, { description: '住户信息' }) input: RegisterHouseholdInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    const household = await ctx.transaction((uow) =>
      registerHousehold(uow, input, ctx.communityId, (b, em) => buildingWritable(ctx.access, em, b)),
    );
    return { household };
  }

  @Mutation(() => HouseholdPayload, { description: '变更住房性质、房东（出租房登记）或户主（需 residents:write）' })
  async updateHousehold(
    @Arg('input', () => UpdateHouseholdInput, { description: '变更内容' }) input: UpdateHouseholdInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    return {
      household: await ctx.transaction((uow) =>
        setHousehold(uow, input, ctx.communityId, (h, em) => householdWritable(ctx.access, em, h)),
      ),
    };
  }

  /** The door-level address is personal data: masked to the building unless the role allows it. */
  @FieldResolver()
  address(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.pii.read(household, 'address', household.address, 'Household');
  }

  @FieldResolver()
  unit(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.access.fieldAccess('address') === 'RAW' ? household.unit : null;
  }

  @FieldResolver()
  room(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.access.fieldAccess('address') === 'RAW' ? household.room : null;
  }

  @FieldResolver(() => BuildingType)
  async building(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): Promise<Building> {
    return (await ctx.loaders.rowsById(Building).load(household.building.id))!;
  }

  @FieldResolver(() => ResidentType, { nullable: true, description: '户主' })
  head(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): Promise<Resident | null> {
    return visibleResident(ctx, household.headResidentId);
  }

  @FieldResolver(() => ResidentType, { nullable: true, description: '房东（出租房登记；需 floating:read）' })
  landlord(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): Promise<Resident | null> | null {
    return ctx.access.can('floating:read') ? visibleResident(ctx, household.landlordResidentId) : null;
  }

  @FieldResolver(() => [ResidentType], { description: '在册住户成员（出租房即租户）' })
  members(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): Promise<Resident[]> {
    return ctx.loaders
      .manyBy(Resident, 'household', { where: { status: 'ACTIVE' }, orderBy: { id: 'asc' }, name: 'activeMembers' })
      .load(household.id);
  }

  @FieldResolver(() => [ResidentType], { description: '租户（出租房的在册住户成员；非出租房为空；需 floating:read）' })
  async tenants(@Root() household: Readonly<Household>, @Ctx() ctx: SubgraphContext): Promise<Resident[]> {
    if (household.housing !== 'RENTED' || !ctx.access.can('floating:read')) return [];
    return this.members(household, ctx);
  }
}

@Resolver(() => BuildingType)
export class BuildingResolver {
  @Query(() => BuildingConnection, { description: '楼栋列表（需 residents:read）' })
  buildings(
    @Args() page: PageArgs,
    @Arg('gridId', () => String, { nullable: true, description: '网格编号' }) gridId: string | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:read');
    return paginate(ctx.em, Building, buildingWhere(ctx, gridId), page, undefined, { rows: true });
  }

  @Mutation(() => BuildingPayload, { description: '设定楼栋长（需 residents:write）：须为本楼栋在册居民' })
  async assignBuildingLeader(
    @Arg('input', () => AssignBuildingLeaderInput, { description: '楼栋与楼栋长' }) input: AssignBuildingLeaderInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:write');
    return {
      building: await ctx.transaction((uow) =>
        assignBuildingLeader(uow, input, ctx.communityId, (b, em) => buildingWritable(ctx.access, em, b)),
      ),
    };
  }

  @FieldResolver(() => GridType)
  async grid(@Root() building: Readonly<Building>, @Ctx() ctx: SubgraphContext): Promise<Grid> {
    return (await ctx.loaders.rowsById(Grid).load(building.grid.id))!;
  }

  @FieldResolver(() => ResidentType, { nullable: true, description: '楼栋长' })
  leader(@Root() building: Readonly<Building>, @Ctx() ctx: SubgraphContext): Promise<Resident | null> {
    return visibleResident(ctx, building.leaderResidentId);
  }
}

@Resolver(() => GridType)
export class GridResolver {
  @Query(() => GridConnection, {
    description: '网格列表（需 residents:read；网格员只见本人网格），按网格编码排序，可按社区筛选',
  })
  grids(
    @Args() page: PageArgs,
    @Arg('communityId', () => String, { nullable: true, description: '社区代码（12 位）：只列这个社区的网格' })
    communityId: string | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:read');
    const where = { $and: [...gridScope(ctx), ...(communityId ? [{ communityId }] : [])] };
    return paginate(ctx.em, Grid, where, page, { code: 'asc', id: 'asc' } as never, { rows: true });
  }

  @Query(() => CommunityType, { nullable: true, description: '调用者所在社区（需 residents:read）' })
  community(@Ctx() ctx: SubgraphContext): Promise<Community | null> {
    ctx.access.require('residents:read');
    return ctx.em.findOne(Community, { id: ctx.communityId });
  }

  @Mutation(() => GridPayload, { description: '设定网格员（需 organizations:write）；发布 grid.registered' })
  async assignGridWorker(
    @Arg('input', () => AssignGridWorkerInput, { description: '网格与网格员' }) input: AssignGridWorkerInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('organizations:write');
    return { grid: await ctx.transaction((uow) => assignGridWorker(uow, input, ctx.communityId)) };
  }

  @FieldResolver(() => StaffType, { nullable: true, description: '网格员（需 organizations:read）' })
  gridWorker(@Root() grid: Readonly<Grid>, @Ctx() ctx: SubgraphContext): Promise<Staff | null> | null {
    if (!ctx.access.can('organizations:read')) return null;
    return grid.gridWorkerStaffId ? ctx.loaders.byId(Staff).load(grid.gridWorkerStaffId) : null;
  }
}

/** A community's own places, for front ends that go from a community to its grids (a street admin's several). */
@Resolver(() => CommunityType)
export class CommunityPlacesResolver {
  @FieldResolver(() => [GridType], {
    nullable: true,
    description: '本社区的网格（需 residents:read，否则为 null；网格员只见本人网格），按网格编码排序',
  })
  async grids(@Root() community: Readonly<Community>, @Ctx() ctx: SubgraphContext): Promise<Grid[] | null> {
    if (!ctx.access.can('residents:read')) return null;
    // one query for every community of the answer, within the caller's row scope
    return ctx.loaders
      .manyBy(Grid, 'communityId', {
        where: { $and: gridScope(ctx) },
        orderBy: { code: 'asc', id: 'asc' },
        name: 'Grid.communityId in scope',
      })
      .load(community.id);
  }
}
