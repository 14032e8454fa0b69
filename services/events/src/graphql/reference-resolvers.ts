import type { ReferenceResolvers, SubgraphContext } from '@shequ/subgraph';
import { CommunityEvent } from '../entities/community-event.js';
import { Venue } from '../entities/venue.js';

export const eventsReferenceResolvers: ReferenceResolvers = {
  CommunityEvent: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(CommunityEvent).load(ref.id) },
  Venue: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(Venue).load(ref.id) },
};
