import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { Building } from '../entities/building.js';
import { Household } from '../entities/household.js';
import { BuildingType } from './building.type.js';
import { HouseholdConnection } from './connections.js';
import { HouseholdType } from './household.type.js';

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @Query(() => HouseholdConnection, { description: '住户列表' })
  households(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return paginate(ctx.em, Household, { communityId: ctx.communityId }, page);
  }

  @FieldResolver(() => BuildingType)
  async building(@Root() household: Household, @Ctx() ctx: SubgraphContext): Promise<Building> {
    return (await ctx.loaders.byId(Building).load(household.building.id))!;
  }
}
