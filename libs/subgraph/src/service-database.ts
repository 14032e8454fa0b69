import { openDatabase, RollupSubscriber, type DatabaseLocation, type Orm } from '@shequ/database';
import { messagingEntities } from '@shequ/messaging';
import { accessEntitiesOf } from './access/access-entities.js';
import { ColumnLengthGuard } from './column-lengths.js';
import { schedulingEntities } from './scheduled-task-lease.js';
import type { SubgraphServiceDefinition } from './subgraph-service.js';

export interface ServiceDatabaseOptions {
  /** Where the ORM's messages go; dropped when absent. */
  log?: (message: string) => void;
  /**
   * Whether the unit of work keeps the service's rollups as it flushes (the running service, the demo seed). The
   * district generator writes with bulk inserts and rebuilds every rollup once at the end, so it leaves them out.
   */
  maintainRollups: boolean;
}

/**
 * A service's database, migrated: its own entities with the messaging, access and scheduling ones every service
 * keeps. The one way the service, its demo seed child and the district generator open it.
 */
export function openServiceDatabase(
  definition: SubgraphServiceDefinition,
  location: DatabaseLocation,
  options: ServiceDatabaseOptions,
): Promise<Orm> {
  return openDatabase({
    location,
    entities: [
      ...definition.entities,
      ...messagingEntities,
      ...accessEntitiesOf(definition.name),
      ...schedulingEntities,
    ],
    migrations: definition.migrations,
    // a text too long for its column is refused first, before the rollups are kept for a flush that cannot happen
    subscribers: [
      new ColumnLengthGuard(),
      ...(options.maintainRollups && definition.rollups?.length ? [new RollupSubscriber(definition.rollups)] : []),
    ],
    log: options.log ?? (() => undefined),
  });
}
