import { DEMO_REFERENCE_DATE, districtCommunities } from '@shequ/demo-data';
import { parseGeneratorArguments, runDistrictGenerator } from '@shequ/subgraph';
import { startOfCommunityDay } from '@shequ/contracts';
import { casesDistrictWriter } from '../seeds/district-seed.js';
import { casesService } from '../service.js';

/** `npm run generate -- --residents N [--cases N] [--database postgresql://…]`: cases' part of a generated district. */
const args = parseGeneratorArguments(process.argv.slice(2), { today: DEMO_REFERENCE_DATE });
await runDistrictGenerator(casesService, args, (a) => ({
  communities: districtCommunities({ residents: a.residents, seed: a.seed }),
  writer: casesDistrictWriter({ now: startOfCommunityDay(a.today), casesPerResident: a.cases / a.residents }),
  references: true,
}));
