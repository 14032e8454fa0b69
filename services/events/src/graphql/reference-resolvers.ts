import { inCommunityScope, type ReferenceResolvers, type SubgraphContext } from '@shequ/subgraph';
import { CommunityEvent } from '../entities/community-event.js';
import { Team } from '../entities/team.js';
import { Venue } from '../entities/venue.js';

async function visible<T extends { communityId: string }>(
  ctx: SubgraphContext,
  load: Promise<T | null>,
): Promise<T | null> {
  if (!ctx.access.can('events:read')) return null;
  const record = await load;
  return record && inCommunityScope(ctx.access, record.communityId) ? record : null;
}

export const eventsReferenceResolvers: ReferenceResolvers = {
  CommunityEvent: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visible(ctx, ctx.loaders.byId(CommunityEvent).load(ref.id)),
  },
  Venue: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visible(ctx, ctx.loaders.byId(Venue).load(ref.id)),
  },
  Team: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
      visible(ctx, ctx.loaders.byId(Team).load(ref.id)),
  },
};
