import type { SubgraphServiceDefinition } from '@shequ/subgraph';
import { casesEntities } from './entities/index.js';
import { residentsConsumer } from './events/residents-consumer.js';
import { buildCasesSchema } from './graphql/schema.js';
import { casesMigrations } from './migrations/index.js';
import { seedCasesDemo } from './seeds/demo-seed.js';

/** The cases subgraph: 社情民意 and service matters from intake to feedback. */
export const casesService: SubgraphServiceDefinition = {
  name: 'cases',
  defaultPort: 4002,
  entities: casesEntities,
  migrations: casesMigrations,
  buildSchema: buildCasesSchema,
  consumers: (deps) => [residentsConsumer(deps)],
  seedDemoData: seedCasesDemo,
};
