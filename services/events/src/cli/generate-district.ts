import { DEMO_REFERENCE_DATE, districtCommunities } from '@shequ/demo-data';
import { parseGeneratorArguments, runDistrictGenerator } from '@shequ/subgraph';
import { startOfCommunityDay } from '@shequ/contracts';
import { eventsDistrictWriter } from '../seeds/district-seed.js';
import { eventsService } from '../service.js';

/** `npm run generate -- --residents N [--database postgresql://…]`: 文化活动's part of a generated district. */
const args = parseGeneratorArguments(process.argv.slice(2), { today: DEMO_REFERENCE_DATE });
await runDistrictGenerator(eventsService, args, (a) => ({
  communities: districtCommunities({ residents: a.residents, seed: a.seed }),
  writer: eventsDistrictWriter({ now: startOfCommunityDay(a.today) }),
  references: true,
}));
