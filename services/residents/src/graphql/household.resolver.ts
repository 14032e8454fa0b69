import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { householdScope } from '../application/resident-scope.js';
import { Building } from '../entities/building.js';
import { Household } from '../entities/household.js';
import { BuildingType } from './building.type.js';
import { HouseholdConnection } from './connections.js';
import { HouseholdType } from './household.type.js';

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @Query(() => HouseholdConnection, { description: '住户列表（需 residents:read）' })
  households(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('residents:read');
    return paginate(ctx.em, Household, { $and: householdScope(ctx) }, page);
  }

  /** The door-level address is personal data: masked to the building unless the role allows it. */
  @FieldResolver()
  address(@Root() household: Household, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.pii.read(household.id, 'address', household.address, 'Household');
  }

  @FieldResolver()
  unit(@Root() household: Household, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.access.fieldAccess('address') === 'RAW' ? household.unit : null;
  }

  @FieldResolver()
  room(@Root() household: Household, @Ctx() ctx: SubgraphContext): string | null {
    return ctx.access.fieldAccess('address') === 'RAW' ? household.room : null;
  }

  @FieldResolver(() => BuildingType)
  async building(@Root() household: Household, @Ctx() ctx: SubgraphContext): Promise<Building> {
    return (await ctx.loaders.byId(Building).load(household.building.id))!;
  }
}
