import type { CommunityRegistry } from '@shequ/subgraph';
import { Community } from '../entities/community.js';

/** Residents holds the registry of communities itself (社区入驻, `registerCommunity`): its `community` table. */
export const residentsCommunities: CommunityRegistry = {
  authoritative: true,
  async isRegistered(em, communityId) {
    return (await em.count(Community, { id: communityId })) > 0;
  },
};
