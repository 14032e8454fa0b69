import { createMigrations, type EntityDefinition, type MigrationLists } from '@shequ/database';
import { messagingEntities } from '@shequ/messaging';
import { startPostgres } from '@shequ/testing';
import type { ServiceName } from '@shequ/contracts';
import { accessEntitiesOf } from '../access/access-entities.js';
import { schedulingEntities } from '../scheduled-task-lease.js';

/**
 * Behind `npm run migration:create -- <name>` in a service: diffs the entities against the committed
 * migrations on a scratch SQLite file and a scratch PostgreSQL (started here unless
 * SHEQU_MIGRATION_POSTGRES_URL names one), writes one new migration per dialect into
 * src/migrations/<dialect>/ and regenerates the index files.
 */
export async function createMigrationsCli(settings: {
  service: ServiceName;
  entities: EntityDefinition[];
  migrations: MigrationLists;
  migrationsPath: string;
}): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
    console.error('usage: npm run migration:create -- <name>   (lower_snake_case, e.g. add_care_categories)');
    process.exit(2);
  }
  const pg = process.env.SHEQU_MIGRATION_POSTGRES_URL ? undefined : await startPostgres();
  try {
    const written = await createMigrations({
      ...settings,
      entities: [
        ...settings.entities,
        ...messagingEntities,
        ...accessEntitiesOf(settings.service),
        ...schedulingEntities,
      ],
      postgresUrl: process.env.SHEQU_MIGRATION_POSTGRES_URL ?? pg!.url,
      name,
    });
    console.log(written.length ? `written:\n  ${written.join('\n  ')}` : 'no schema changes: nothing written');
  } finally {
    await pg?.stop();
  }
}
