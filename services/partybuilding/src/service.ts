import {
  referenceProjectionCommunities,
  referenceProjectionConsumer,
  type SubgraphServiceDefinition,
} from '@shequ/subgraph';
import { partyMemberRollup } from './application/statistics-rollup.js';
import { partybuildingUniqueConflicts } from './application/unique-conflicts.js';
import { partybuildingEntities } from './entities/index.js';
import { activitiesConsumer } from './events/activities-consumer.js';
import { casesConsumer } from './events/cases-consumer.js';
import { residentsConsumer } from './events/residents-consumer.js';
import { buildPartybuildingSchema } from './graphql/schema.js';
import { partybuildingMigrations } from './migrations/index.js';

/** The party-building subgraph: organisations, members, 三会一课, transfers, 流动红旗岗. */
export const partybuildingService: SubgraphServiceDefinition = {
  name: 'partybuilding',
  defaultPort: 4003,
  entities: partybuildingEntities,
  rollups: [partyMemberRollup],
  migrations: partybuildingMigrations,
  buildSchema: buildPartybuildingSchema,
  // writes only in registered communities: those residents announced (community.registered) or the seeds filled in
  communities: referenceProjectionCommunities,
  uniqueConflicts: partybuildingUniqueConflicts,
  consumers: (deps) => [
    referenceProjectionConsumer('partybuilding', deps),
    casesConsumer(deps),
    residentsConsumer(deps),
    activitiesConsumer(deps),
  ],
  // an analyst's table of a district (branches × stage × member type, venues × months × types) is thousands of groups:
  // copied along the selections, not executed field by field (issue 16, as residentStatistics)
  plainAnswers: ['partyStatistics'],
  // the seed's modules load only where it runs: a child process of the service (see runSubgraphService)
  seedDemoData: async (deps) => {
    const [{ seedPartybuildingDemo }, { seedDemoStreet }] = await Promise.all([
      import('./seeds/demo-seed.js'),
      import('./seeds/demo-street-seed.js'),
    ]);
    await seedPartybuildingDemo(deps);
    await seedDemoStreet(deps, partybuildingService);
  },
};
