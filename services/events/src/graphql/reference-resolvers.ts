import { communityScopedReference, type ReferenceResolvers } from '@shequ/subgraph';
import { CommunityEvent } from '../entities/community-event.js';
import { Team } from '../entities/team.js';
import { Venue } from '../entities/venue.js';

/** events:read and the caller's communities; null alike for an unknown id and one out of scope. */
export const eventsReferenceResolvers: ReferenceResolvers = {
  CommunityEvent: {
    __resolveReference: communityScopedReference('CommunityEvent', 'events:read', (ctx, id) =>
      ctx.loaders.byId(CommunityEvent).load(id),
    ),
  },
  Venue: {
    __resolveReference: communityScopedReference('Venue', 'events:read', (ctx, id) => ctx.loaders.byId(Venue).load(id)),
  },
  Team: {
    __resolveReference: communityScopedReference('Team', 'events:read', (ctx, id) => ctx.loaders.byId(Team).load(id)),
  },
};
