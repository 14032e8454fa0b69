import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { registerResident } from '../application/register-resident.js';
import { residentWhere } from '../application/resident-query.js';
import { householdVisible, residentScope, residentVisible } from '../application/resident-scope.js';
import { Household } from '../entities/household.js';
import { Resident, type RelationToHead } from '../entities/resident.js';
import { ResidentConnection } from './connections.js';
import { HouseholdType } from './household.type.js';
import { RegisterResidentInput, RegisterResidentPayload, ResidentFilter } from './resident.inputs.js';
import { ResidentType } from './resident.type.js';

@Resolver(() => ResidentType)
export class ResidentResolver {
  @Query(() => ResidentType, { nullable: true, description: '按编号查询一位居民（需 residents:read；仅限可见范围）' })
  async resident(@Arg('id', () => ID, { description: '居民编号' }) id: string, @Ctx() ctx: SubgraphContext): Promise<Resident | null> {
    ctx.access.require('residents:read');
    const resident = await ctx.loaders.byId(Resident).load(id);
    return resident && (await residentVisible(ctx, resident)) ? resident : null;
  }

  @Query(() => ResidentConnection, { description: '居民列表（需 residents:read）：可按网格、楼栋、住户、居住类型、状态、性别、姓名前缀筛选' })
  residents(
    @Args() page: PageArgs,
    @Arg('filter', () => ResidentFilter, { nullable: true, description: '筛选条件' }) filter: ResidentFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('residents:read');
    return paginate(ctx.em, Resident, residentWhere(filter, residentScope(ctx)), page);
  }

  @Mutation(() => RegisterResidentPayload, { description: '登记居民（需 residents:write）：校验身份证号，推出性别和出生日期；发布 resident.registered' })
  async registerResident(@Arg('input', () => RegisterResidentInput, { description: '居民信息' }) input: RegisterResidentInput, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('residents:write');
    const resident = await ctx.transaction((uow) =>
      registerResident(
        uow,
        { ...input, relationToHead: input.relationToHead as RelationToHead | null },
        ctx.communityId,
        ctx.clock.now(),
        (household) => householdVisible(ctx, household),
      ),
    );
    return { resident };
  }

  @FieldResolver()
  idNumber(@Root() resident: Resident, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.pii.read(resident.id, 'idNumber', resident.idNumber);
  }

  @FieldResolver()
  phone(@Root() resident: Resident, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.pii.read(resident.id, 'phone', resident.phone);
  }

  @FieldResolver(() => HouseholdType, { nullable: true })
  household(@Root() resident: Resident, @Ctx() ctx: SubgraphContext): Promise<Household | null> | null {
    return resident.household ? ctx.loaders.byId(Household).load(resident.household.id) : null;
  }
}
