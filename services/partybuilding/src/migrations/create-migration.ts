import { fileURLToPath } from 'node:url';
import { createMigrationsCli } from '@shequ/subgraph/testing';
import { partybuildingEntities } from '../entities/index.js';
import { partybuildingMigrations } from './index.js';

await createMigrationsCli({
  service: 'partybuilding',
  entities: partybuildingEntities,
  migrations: partybuildingMigrations,
  migrationsPath: fileURLToPath(new URL('../../src/migrations', import.meta.url)),
});
