import type { ReferenceResolvers, SubgraphContext } from '@shequ/subgraph';
import { Case } from '../entities/case.js';

export const casesReferenceResolvers: ReferenceResolvers = {
  Case: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(Case).load(ref.id) },
};
