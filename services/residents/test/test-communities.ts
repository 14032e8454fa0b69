import { useTestCommunityRegistration } from '@shequ/subgraph/testing';
import { residentsCommunities } from '../src/application/community-registry.js';
import { Community } from '../src/entities/community.js';

// Tests of residents (a vitest setup file): `startTestSubgraph`'s communities (莲秀社区 by default) are written into
// residents' own registry directly, as 社区入驻 (`registerCommunity`) would, without its street and district first.
useTestCommunityRegistration(residentsCommunities, async (em, communityId) => {
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
});
