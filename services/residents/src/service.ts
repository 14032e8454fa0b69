import { residentsAccessConsumers } from './access/index.js';
import type { SubgraphServiceDefinition } from '@shequ/subgraph';
import { residentsEntities } from './entities/index.js';
import { buildResidentsSchema } from './graphql/schema.js';
import { residentsMigrations } from './migrations/index.js';
import { seedResidentsDemo } from './seeds/demo-seed.js';

/** The residents subgraph: people, places, organisations (一标三实) and care categories. */
export const residentsService: SubgraphServiceDefinition = {
  name: 'residents',
  defaultPort: 4001,
  entities: residentsEntities,
  migrations: residentsMigrations,
  buildSchema: buildResidentsSchema,
  seedDemoData: seedResidentsDemo,
  consumers: residentsAccessConsumers,
};
