import type { CommunityRegistry } from '@shequ/subgraph';
import { Community } from '../entities/community.js';

/** Residents holds the registry of communities itself (社区入驻, `registerCommunity`): its `community` table. */
export const residentsCommunities: CommunityRegistry = {
  authoritative: true,
  async isRegistered(em, communityId) {
    return (await em.count(Community, { id: communityId })) > 0;
  },
  async registerForTests(em, communityId) {
    if (await em.count(Community, { id: communityId })) return;
    em.create(Community, {
      id: communityId,
      name: `测试社区 ${communityId}`,
      streetCode: communityId.slice(0, 9),
      streetName: `测试街道 ${communityId.slice(0, 9)}`,
      districtCode: communityId.slice(0, 6),
      districtName: `测试区 ${communityId.slice(0, 6)}`,
    });
    await em.flush();
  },
};
