import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import { CommunityEventResolver } from './community-event.resolver.js';
import { eventsReferenceResolvers } from './reference-resolvers.js';
import { RegistrationResolver, ResidentRegistrationsResolver } from './registration.resolver.js';

export function buildEventsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [CommunityEventResolver, RegistrationResolver, ResidentRegistrationsResolver],
    referenceResolvers: eventsReferenceResolvers,
  });
}
