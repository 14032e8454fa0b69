import { fileURLToPath } from 'node:url';
import { createMigrationsCli } from '@shequ/subgraph/testing';
import { casesEntities } from '../entities/index.js';
import { casesMigrations } from './index.js';

await createMigrationsCli({
  service: 'cases',
  entities: casesEntities,
  migrations: casesMigrations,
  migrationsPath: fileURLToPath(new URL('../../src/migrations', import.meta.url)),
});
