import { residentsAccessResolvers } from '../access/index.js';
import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import { BuildingResolver } from './building.resolver.js';
import { HouseholdResolver } from './household.resolver.js';
import { residentsReferenceResolvers } from './reference-resolvers.js';
import { ResidentResolver } from './resident.resolver.js';

export function buildResidentsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [ResidentResolver, HouseholdResolver, BuildingResolver, ...residentsAccessResolvers],
    referenceResolvers: residentsReferenceResolvers,
  });
}
