import type { ReferenceResolvers, SubgraphContext } from '@shequ/subgraph';
import { Grid } from '../entities/grid.js';
import { Household } from '../entities/household.js';
import { Resident } from '../entities/resident.js';

/** How the gateway's `{ __typename, id }` references become entities: one batched query per type. */
export const residentsReferenceResolvers: ReferenceResolvers = {
  Resident: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(Resident).load(ref.id) },
  Household: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(Household).load(ref.id) },
  Grid: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(Grid).load(ref.id) },
};
