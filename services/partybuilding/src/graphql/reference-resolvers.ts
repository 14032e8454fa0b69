import { inCommunityScope, type ReferenceResolvers, type SubgraphContext } from '@shequ/subgraph';
import { PartyMember } from '../entities/party-member.js';
import { PartyOrganization } from '../entities/party-organization.js';

async function visible<T extends { communityId: string }>(
  ctx: SubgraphContext,
  load: Promise<T | null>,
): Promise<T | null> {
  if (!ctx.access.can('party:read')) return null;
  const record = await load;
  return record && inCommunityScope(ctx.access, record.communityId) ? record : null;
}

export const partybuildingReferenceResolvers: ReferenceResolvers = {
  PartyMember: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visible(ctx, ctx.loaders.byId(PartyMember).load(ref.id)),
  },
  PartyOrganization: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visible(ctx, ctx.loaders.byId(PartyOrganization).load(ref.id)),
  },
};
