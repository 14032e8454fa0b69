import { residentsAccessConsumers } from './access/index.js';
import { careOpenRollup } from './application/care-open-rollup.js';
import { residentsCommunities } from './application/community-registry.js';
import { residentRollup } from './application/statistics-rollup.js';
import type { SubgraphServiceDefinition } from '@shequ/subgraph';
import { residentsScheduledTasks } from './application/scheduled-scan.js';
import { residentsEntities } from './entities/index.js';
import { casesConsumer, communityEventsConsumer } from './events/fund-references-consumers.js';
import { buildResidentsSchema } from './graphql/schema.js';
import { residentsMigrations } from './migrations/index.js';

/** The residents subgraph: people, places, organisations (一标三实) and care categories. */
export const residentsService: SubgraphServiceDefinition = {
  name: 'residents',
  defaultPort: 4001,
  entities: residentsEntities,
  rollups: [residentRollup, careOpenRollup],
  migrations: residentsMigrations,
  buildSchema: buildResidentsSchema,
  communities: residentsCommunities,
  scheduledTasks: residentsScheduledTasks,
  // the seed's modules load only where it runs: a child process of the service (see runSubgraphService)
  seedDemoData: async (deps) => {
    const [{ seedResidentsDemo }, { seedFundDemo }, { seedDemoStreet }] = await Promise.all([
      import('./seeds/demo-seed.js'),
      import('./seeds/fund-demo-seed.js'),
      import('./seeds/demo-street-seed.js'),
    ]);
    await seedResidentsDemo(deps);
    await seedFundDemo(deps);
    await seedDemoStreet(deps, residentsService);
  },
  consumers: (deps) => [...residentsAccessConsumers(deps), communityEventsConsumer(deps), casesConsumer(deps)],
  // District import files (10,000 rows of CSV ≈ 1.5 MB) and address registers come in one request: only those may be large.
  // a statistics answer by building is tens of thousands of groups: copied along the selections, not executed field
  // by field (issue 16)
  plainAnswers: ['residentStatistics'],
  largeOperations: { maxBodyBytes: 20 * 1024 * 1024, mutationFields: ['importResidents', 'importAddressRegister'] },
};
