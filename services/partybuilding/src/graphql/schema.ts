import { buildFederatedSchema, type FederatedSchema } from '@shequ/subgraph';
import {
  PartyMeetingAttendanceRateResolver,
  PartyMeetingAttendanceResolver,
  PartyMeetingResolver,
} from './meeting.resolver.js';
import { PartyMemberResolver, ResidentPartyMemberResolver } from './member.resolver.js';
import { PartyOrganizationResolver } from './organization.resolver.js';
import { PartyPlanResolver } from './plan.resolver.js';
import { RedFlagNominationResolver, RedFlagResolver } from './red-flag.resolver.js';
import { partybuildingReferenceResolvers } from './reference-resolvers.js';
import { PartyTransferResolver } from './transfer.resolver.js';

export function buildPartybuildingSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [
      PartyOrganizationResolver,
      PartyMemberResolver,
      ResidentPartyMemberResolver,
      PartyTransferResolver,
      PartyMeetingResolver,
      PartyMeetingAttendanceResolver,
      PartyMeetingAttendanceRateResolver,
      RedFlagResolver,
      RedFlagNominationResolver,
      PartyPlanResolver,
    ],
    referenceResolvers: partybuildingReferenceResolvers,
  });
}
