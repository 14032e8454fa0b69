import type { ReferenceResolvers, SubgraphContext } from '@shequ/subgraph';
import { PartyMember } from '../entities/party-member.js';
import { PartyOrganization } from '../entities/party-organization.js';

export const partybuildingReferenceResolvers: ReferenceResolvers = {
  PartyMember: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(PartyMember).load(ref.id) },
  PartyOrganization: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(PartyOrganization).load(ref.id) },
};
