import { communityDay } from '@shequ/contracts';
import { DEMO_STREET_OPTIONS, demoStreetCommunityCodes, districtCommunities } from '@shequ/demo-data';
import { seedGeneratedCommunities, type DemoSeedDependencies, type SubgraphServiceDefinition } from '@shequ/subgraph';
import { Community } from '../entities/index.js';
import { residentsDistrictWriter } from './district-seed.js';

/**
 * The demo street's other communities (嘉莲街道 but 莲秀社区: four small generated ones), after the demo community,
 * dated from the seed's clock: what a street admin and a street analyst look at. Every rollup `service` declares is
 * recounted after them.
 */
export async function seedDemoStreet(
  deps: DemoSeedDependencies,
  service: Pick<SubgraphServiceDefinition, 'name' | 'rollups'>,
): Promise<void> {
  await seedGeneratedCommunities(deps, service, {
    communities: districtCommunities(DEMO_STREET_OPTIONS),
    writer: residentsDistrictWriter({
      today: communityDay(deps.clock.now()),
      now: deps.clock.now(),
      hasData: async (em) => (await em.count(Community, { id: { $in: demoStreetCommunityCodes() } })) > 0,
    }),
    references: false,
  });
}
