import { useTestCommunityRegistration } from '@shequ/subgraph/testing';
import { residentsCommunities } from '../src/application/community-registry.js';
import { Community } from '../src/entities/community.js';
import { District, Street } from '../src/entities/street.js';

// Tests of residents (a vitest setup file): `startTestSubgraph`'s communities (莲秀社区 by default) are written into
// residents' own registry directly, as 街道登记 and 社区入驻 (`registerStreet`, `registerCommunity`) would: its district,
// street and community.
useTestCommunityRegistration(residentsCommunities, async (em, communityId) => {
  if (await em.count(Community, { id: communityId })) return;
  const [districtCode, streetCode] = [communityId.slice(0, 6), communityId.slice(0, 9)];
  if (!(await em.count(District, { id: districtCode })))
    em.create(District, { id: districtCode, name: `测试区 ${districtCode}` });
  if (!(await em.count(Street, { id: streetCode })))
    em.create(Street, { id: streetCode, name: `测试街道 ${streetCode}`, districtCode });
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
