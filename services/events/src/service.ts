import { referenceProjectionConsumer, type SubgraphServiceDefinition } from '@shequ/subgraph';
import { eventAttendanceRollup, eventRegistrationRollup } from './application/event-statistics-rollup.js';
import { eventsEntities } from './entities/index.js';
import { residentsConsumer } from './events/residents-consumer.js';
import { buildEventsSchema } from './graphql/schema.js';
import { eventsMigrations } from './migrations/index.js';
import { seedEventsDemo } from './seeds/demo-seed.js';
import { seedDemoStreet } from './seeds/demo-street-seed.js';

/** The events subgraph: venues, teams, activities, registration and volunteers. */
export const eventsService: SubgraphServiceDefinition = {
  name: 'events',
  defaultPort: 4004,
  entities: eventsEntities,
  migrations: eventsMigrations,
  rollups: [eventRegistrationRollup, eventAttendanceRollup],
  buildSchema: buildEventsSchema,
  consumers: (deps) => [referenceProjectionConsumer('events', deps), residentsConsumer(deps)],
  seedDemoData: async (deps) => {
    await seedEventsDemo(deps);
    await seedDemoStreet(deps, eventsService);
  },
};
