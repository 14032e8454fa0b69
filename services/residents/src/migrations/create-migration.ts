import { fileURLToPath } from 'node:url';
import { createMigrationsCli } from '@shequ/subgraph/testing';
import { residentsEntities } from '../entities/index.js';
import { residentsMigrations } from './index.js';

await createMigrationsCli({
  service: 'residents',
  entities: residentsEntities,
  migrations: residentsMigrations,
  migrationsPath: fileURLToPath(new URL('../../src/migrations', import.meta.url)),
});
