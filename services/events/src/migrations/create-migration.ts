import { fileURLToPath } from 'node:url';
import { createMigrationsCli } from '@shequ/subgraph/testing';
import { eventsEntities } from '../entities/index.js';
import { eventsMigrations } from './index.js';

await createMigrationsCli({
  service: 'events',
  entities: eventsEntities,
  migrations: eventsMigrations,
  migrationsPath: fileURLToPath(new URL('../../src/migrations', import.meta.url)),
});
