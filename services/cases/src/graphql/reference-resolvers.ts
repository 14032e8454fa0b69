import { visibleReference, type ReferenceResolvers, type SubgraphContext } from '@shequ/subgraph';
import { caseVisible } from '../application/case-scope.js';
import { Case } from '../entities/case.js';

/** `Case` references: null alike for an unknown id and one the caller may not see (`visibleReference`). */
export const casesReferenceResolvers: ReferenceResolvers = {
  Case: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visibleReference(ctx, {
        type: 'Case',
        id: ref.id,
        permission: 'cases:read',
        load: () => ctx.loaders.byId(Case).load(ref.id),
        visible: (found) => caseVisible(ctx, found),
      }),
  },
};
