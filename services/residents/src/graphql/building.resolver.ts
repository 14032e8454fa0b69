import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@shequ/subgraph';
import { Building } from '../entities/building.js';
import { Grid } from '../entities/grid.js';
import { BuildingType } from './building.type.js';
import { GridType } from './grid.type.js';

@Resolver(() => BuildingType)
export class BuildingResolver {
  @FieldResolver(() => GridType)
  async grid(@Root() building: Building, @Ctx() ctx: SubgraphContext): Promise<Grid> {
    return (await ctx.loaders.byId(Grid).load(building.grid.id))!;
  }
}
