import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import {
  CommunityEventResolver,
  EventSponsorshipResolver,
  GalaProgrammeItemResolver,
  OrganizationSponsoredEventsResolver,
} from './community-event.resolver.js';
import { eventsReferenceResolvers } from './reference-resolvers.js';
import { RegistrationResolver, ResidentRegistrationsResolver } from './registration.resolver.js';
import { EventStatisticsResolver } from './statistics.resolver.js';
import { TeamResolver } from './team.resolver.js';
import { VenueResolver } from './venue.resolver.js';
import { VolunteerServiceRecordResolver, VolunteerShiftResolver } from './volunteer.resolver.js';

export function buildEventsSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [
      CommunityEventResolver,
      EventSponsorshipResolver,
      GalaProgrammeItemResolver,
      OrganizationSponsoredEventsResolver,
      RegistrationResolver,
      ResidentRegistrationsResolver,
      VenueResolver,
      TeamResolver,
      VolunteerShiftResolver,
      VolunteerServiceRecordResolver,
      EventStatisticsResolver,
    ],
    referenceResolvers: eventsReferenceResolvers,
  });
}
