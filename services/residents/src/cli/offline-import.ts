import { SYSTEM_ACTOR, type Actor } from '@shequ/contracts';
import { openDatabase, type DatabaseLocation, type Orm } from '@shequ/database';
import { eventSink, messagingEntities, Outbox } from '@shequ/messaging';
import { accessEntitiesOf } from '@shequ/subgraph';
import { importResidents, readImportFile, type ImportSummary } from '../application/import-residents.js';
import { residentsEntities } from '../entities/index.js';
import { residentsMigrations } from '../migrations/index.js';

/** Opens the residents database (applying migrations) outside the running service. */
export function openResidentsDatabase(location: DatabaseLocation): Promise<Orm> {
  return openDatabase({
    location,
    entities: [...residentsEntities, ...messagingEntities, ...accessEntitiesOf('residents')],
    migrations: residentsMigrations,
    log: () => undefined,
  });
}

/**
 * The import the API runs, straight against the database: events go to the outbox in the same transactions
 * and the service's relay publishes them when it runs.
 */
export function importIntoDatabase(
  orm: Orm,
  input: {
    format: 'CSV' | 'JSON';
    content: string;
    communityId: string;
    today?: Date;
    actor?: Actor;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportSummary> {
  const outbox = new Outbox('residents');
  const meta = {
    communityId: input.communityId,
    actor: input.actor ?? SYSTEM_ACTOR,
    correlationId: `import-${Date.now()}`,
  };
  return importResidents(readImportFile(input.format, input.content), {
    communityId: input.communityId,
    today: input.today ?? new Date(),
    onProgress: input.onProgress,
    runChunk: (work) => orm.em.fork().transactional((em) => work({ em, events: eventSink(outbox, em, meta) })),
  });
}
