import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, communityWhere, paginate, type SubgraphContext } from '@shequ/subgraph';
import { organizationWhere, staffWhere } from '../application/staff-query.js';
import { registerOrganization, registerStaff } from '../application/places.js';
import { Grid } from '../entities/grid.js';
import { Organization } from '../entities/organization.js';
import { Staff, staffGridIds } from '../entities/staff.js';
import { OrganizationConnection, StaffConnection } from './connections.js';
import { GridType } from './grid.type.js';
import { OrganizationType } from './organization.type.js';
import {
  OrganizationFilter,
  OrganizationPayload,
  RegisterOrganizationInput,
  RegisterStaffInput,
  StaffFilter,
  StaffPayload,
} from './places.inputs.js';
import { StaffType } from './staff.type.js';

@Resolver(() => StaffType)
export class StaffResolver {
  @Query(() => StaffConnection, { description: '社区工作者列表（需 organizations:read）：可按部门、网格筛选' })
  staff(
    @Args() page: PageArgs,
    @Arg('filter', () => StaffFilter, { nullable: true, description: '筛选条件' }) filter: StaffFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('organizations:read');
    return paginate(ctx.em, Staff, staffWhere(communityWhere(ctx.access), filter), page);
  }

  @Mutation(() => StaffPayload, { description: '登记社区工作者（需 organizations:write）' })
  async registerStaff(
    @Arg('input', () => RegisterStaffInput, { description: '社区工作者信息' }) input: RegisterStaffInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('organizations:write');
    return { staff: await ctx.transaction((uow) => registerStaff(uow, input, ctx.communityId)) };
  }

  @FieldResolver(() => [GridType], { description: '服务的网格' })
  async grids(@Root() staff: Staff, @Ctx() ctx: SubgraphContext): Promise<Grid[]> {
    const grids = await ctx.loaders.rowsById(Grid).loadMany(staffGridIds(staff));
    return grids.filter((g): g is Grid => !!g && !(g instanceof Error));
  }
}

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, {
    description: '组织列表：辖区单位、社会组织、共建单位、志愿服务队（需 organizations:read）',
  })
  organizations(
    @Args() page: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: '筛选条件' })
    filter: OrganizationFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('organizations:read');
    return paginate(ctx.em, Organization, organizationWhere(ctx.em, communityWhere(ctx.access), filter), page);
  }

  @Mutation(() => OrganizationPayload, { description: '登记组织（需 organizations:write）' })
  async registerOrganization(
    @Arg('input', () => RegisterOrganizationInput, { description: '组织信息' }) input: RegisterOrganizationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('organizations:write');
    return { organization: await ctx.transaction((uow) => registerOrganization(uow, input, ctx.communityId)) };
  }

  @FieldResolver(() => GridType, { nullable: true, description: '所在网格' })
  grid(@Root() organization: Organization, @Ctx() ctx: SubgraphContext): Promise<Grid | null> | null {
    return organization.gridId ? ctx.loaders.rowsById(Grid).load(organization.gridId) : null;
  }
}
