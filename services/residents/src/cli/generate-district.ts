import { DEMO_REFERENCE_DATE, districtCommunities } from '@shequ/demo-data';
import { parseGeneratorArguments, runDistrictGenerator } from '@shequ/subgraph';
import { startOfCommunityDay } from '@shequ/contracts';
import { residentsDistrictWriter } from '../seeds/district-seed.js';
import { residentsService } from '../service.js';

/** `npm run generate -- --residents N [--database postgresql://…]`: residents' part of a generated district. */
const args = parseGeneratorArguments(process.argv.slice(2), { today: DEMO_REFERENCE_DATE });
await runDistrictGenerator(residentsService, args, (a) => ({
  communities: districtCommunities({ residents: a.residents, seed: a.seed }),
  writer: residentsDistrictWriter({ today: a.today, now: startOfCommunityDay(a.today) }),
  references: false,
}));
