import { ensureRollups, type Orm } from '@shequ/database';
import { Outbox } from '@shequ/messaging';
import { createLogger } from '@shequ/server';
import { testDatabaseLocation, type TestDialect } from '@shequ/testing';
import type { Clock } from '../clock.js';
import { serviceConfig } from '../service-config.js';
import { openServiceDatabase } from '../service-database.js';
import type { SubgraphServiceDefinition } from '../subgraph-service.js';

/**
 * A fresh database of a service (migrated) with the service's whole demo seed run in it, as the seed child of a
 * service does it — without HTTP, NATS or the GraphQL schema, so one test process can seed all four services and
 * check their data side by side. The caller closes the ORM.
 */
export async function seedDemoDatabase(
  definition: SubgraphServiceDefinition,
  options: { dialect: TestDialect; clock: Clock },
): Promise<Orm> {
  const logger = createLogger(definition.name, { level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const orm = await openServiceDatabase(definition, testDatabaseLocation(options.dialect, definition.name), {
    maintainRollups: true,
  });
  try {
    if (definition.rollups?.length) await ensureRollups(orm.em, definition.rollups);
    const config = { ...serviceConfig(definition.name, definition.defaultPort), seed: 'demo' as const };
    await definition.seedDemoData?.({ config, orm, outbox: new Outbox(definition.name), clock: options.clock, logger });
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
