import { DEMO_REFERENCE_DATE, districtCommunities } from '@shequ/demo-data';
import { parseGeneratorArguments, runDistrictGenerator } from '@shequ/subgraph';
import { partybuildingDistrictWriter } from '../seeds/district-seed.js';
import { partybuildingService } from '../service.js';

/** `npm run generate -- --residents N [--database postgresql://…]`: 党建's part of a generated district. */
const args = parseGeneratorArguments(process.argv.slice(2), { today: DEMO_REFERENCE_DATE });
await runDistrictGenerator(partybuildingService, args, (a) => ({
  communities: districtCommunities({ residents: a.residents, seed: a.seed }),
  writer: partybuildingDistrictWriter({ today: a.today }),
  references: true,
}));
