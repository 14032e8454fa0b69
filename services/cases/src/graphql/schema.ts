import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import { CaseResolver } from './case.resolver.js';
import { GridReference } from './entity-references.js';
import { casesReferenceResolvers } from './reference-resolvers.js';
import { ResidentCasesResolver } from './resident-cases.resolver.js';

export function buildCasesSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [CaseResolver, ResidentCasesResolver],
    orphanedTypes: [GridReference],
    referenceResolvers: casesReferenceResolvers,
  });
}
