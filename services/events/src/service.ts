import {
  referenceProjectionCommunities,
  referenceProjectionConsumer,
  type SubgraphServiceDefinition,
} from '@shequ/subgraph';
import { eventAttendanceRollup, eventRegistrationRollup } from './application/event-statistics-rollup.js';
import { eventsUniqueConflicts } from './application/unique-conflicts.js';
import { eventsEntities } from './entities/index.js';
import { residentsConsumer } from './events/residents-consumer.js';
import { buildEventsSchema } from './graphql/schema.js';
import { eventsMigrations } from './migrations/index.js';

/** The events subgraph: venues, teams, activities, registration and volunteers. */
export const eventsService: SubgraphServiceDefinition = {
  name: 'events',
  defaultPort: 4004,
  entities: eventsEntities,
  migrations: eventsMigrations,
  rollups: [eventRegistrationRollup, eventAttendanceRollup],
  buildSchema: buildEventsSchema,
  // writes only in registered communities: those residents announced (community.registered) or the seeds filled in
  communities: referenceProjectionCommunities,
  uniqueConflicts: eventsUniqueConflicts,
  consumers: (deps) => [referenceProjectionConsumer('events', deps), residentsConsumer(deps)],
  // an analyst's table of a district (branches × stage × member type, venues × months × types) is thousands of groups:
  // copied along the selections, not executed field by field (issue 16, as residentStatistics)
  plainAnswers: ['eventStatistics'],
  // the seed's modules load only where it runs: a child process of the service (see runSubgraphService)
  seedDemoData: async (deps) => {
    const [{ seedEventsDemo }, { seedDemoStreet }] = await Promise.all([
      import('./seeds/demo-seed.js'),
      import('./seeds/demo-street-seed.js'),
    ]);
    await seedEventsDemo(deps);
    await seedDemoStreet(deps, eventsService);
  },
};
