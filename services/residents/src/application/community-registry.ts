import type { CommunityRegistry } from '@shequ/subgraph';
import { Community } from '../entities/community.js';
import { District, Street } from '../entities/street.js';

/**
 * Residents holds the registry of places itself (社区入驻 `registerCommunity`, 街道登记 `registerStreet`): its
 * `community`, `street` and `district` tables.
 */
export const residentsCommunities: CommunityRegistry = {
  authoritative: true,
  async isRegistered(em, communityId) {
    return (await em.count(Community, { id: communityId })) > 0;
  },
  async isRegisteredRegion(em, code) {
    return (await (code.length === 9 ? em.count(Street, { id: code }) : em.count(District, { id: code }))) > 0;
  },
};
