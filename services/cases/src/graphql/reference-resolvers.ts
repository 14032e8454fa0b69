import type { ReferenceResolvers, SubgraphContext } from '@shequ/subgraph';
import { caseVisible } from '../application/case-scope.js';
import { Case } from '../entities/case.js';

export const casesReferenceResolvers: ReferenceResolvers = {
  Case: {
    async __resolveReference(ref: { id: string }, ctx: SubgraphContext) {
      if (!ctx.access.can('cases:read')) return null;
      const found = await ctx.loaders.byId(Case).load(ref.id);
      return found && (await caseVisible(ctx, found)) ? found : null;
    },
  },
};
