import { communityScopedReference, type ReferenceResolvers } from '@shequ/subgraph';
import { PartyMember } from '../entities/party-member.js';
import { PartyOrganization } from '../entities/party-organization.js';

/** party:read and the caller's communities; null alike for an unknown id and one out of scope. */
export const partybuildingReferenceResolvers: ReferenceResolvers = {
  PartyMember: {
    __resolveReference: communityScopedReference('PartyMember', 'party:read', (ctx, id) =>
      ctx.loaders.byId(PartyMember).load(id),
    ),
  },
  PartyOrganization: {
    __resolveReference: communityScopedReference('PartyOrganization', 'party:read', (ctx, id) =>
      ctx.loaders.byId(PartyOrganization).load(id),
    ),
  },
};
