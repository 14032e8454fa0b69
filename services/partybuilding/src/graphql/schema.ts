import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import { PartyMemberResolver, PartyOrganizationResolver } from './party-member.resolver.js';
import { partybuildingReferenceResolvers } from './reference-resolvers.js';
import { ResidentPartyMemberResolver } from './resident-party-member.resolver.js';

export function buildPartybuildingSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [PartyMemberResolver, PartyOrganizationResolver, ResidentPartyMemberResolver],
    referenceResolvers: partybuildingReferenceResolvers,
  });
}
