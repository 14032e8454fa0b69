import { residentsAccessResolvers } from '../access/index.js';
import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import { fundResolvers } from './fund/index.js';
import { AddressRegisterResolver } from './address-register.resolver.js';
import { BuildingHistoryResolver, HierarchyResolver } from './hierarchy.resolver.js';
import { ImportResolver } from './import.resolver.js';
import { StatisticsResolver } from './statistics.resolver.js';
import { CareResolver } from './care.resolver.js';
import { BuildingResolver, CommunityPlacesResolver, GridResolver, HouseholdResolver } from './places.resolver.js';
import { residentsReferenceResolvers } from './reference-resolvers.js';
import { ResidentResolver } from './resident.resolver.js';
import { OrganizationResolver, StaffResolver } from './staff.resolver.js';

export function buildResidentsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [
      ResidentResolver,
      CareResolver,
      HouseholdResolver,
      BuildingResolver,
      GridResolver,
      CommunityPlacesResolver,
      HierarchyResolver,
      BuildingHistoryResolver,
      StaffResolver,
      OrganizationResolver,
      ImportResolver,
      AddressRegisterResolver,
      StatisticsResolver,
      ...residentsAccessResolvers,
      ...fundResolvers,
    ],
    referenceResolvers: residentsReferenceResolvers,
  });
}
