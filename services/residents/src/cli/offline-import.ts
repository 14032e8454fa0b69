import { createReadStream } from 'node:fs';
import { SYSTEM_ACTOR, type Actor } from '@shequ/contracts';
import { openDatabase, sqlDialectOf, type DatabaseLocation, type Orm } from '@shequ/database';
import { BatchedEvents, messagingEntities, Outbox } from '@shequ/messaging';
import { accessEntitiesOf } from '@shequ/subgraph';
import { importResidentStream, readImportStream, type ImportCounts } from '../application/import-residents.js';
import { ImportReportFile } from '../application/import-report.js';
import type { TabularFormat } from '../domain/import/tabular-file.js';
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
 * The import the API runs, straight against the database, reading the file as a stream: events go to the outbox
 * in the chunks' transactions (the service's relay publishes them when it runs), the resident rollup is kept in
 * the same transactions, and each row's outcome goes to the report file as its chunk commits.
 */
export async function importFileIntoDatabase(
  orm: Orm,
  input: {
    format: TabularFormat;
    /** The file, or its text in pieces. */
    path?: string;
    pieces?: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
    communityId: string;
    reportPath: string;
    today?: Date;
    actor?: Actor;
    chunkSize?: number;
    onProgress?: (counts: Readonly<ImportCounts>) => void;
  },
): Promise<ImportCounts> {
  const outbox = new Outbox('residents');
  const meta = {
    communityId: input.communityId,
    actor: input.actor ?? SYSTEM_ACTOR,
    correlationId: `import-${Date.now()}`,
  };
  const report = new ImportReportFile(input.reportPath);
  const pieces = input.pieces ?? createReadStream(input.path!, { highWaterMark: 256 * 1024 });
  try {
    return await importResidentStream(readImportStream(input.format, pieces), {
      communityId: input.communityId,
      today: input.today ?? new Date(),
      chunkSize: input.chunkSize,
      // PostgreSQL: the next chunk is prepared while the server writes the previous one (two connections).
      overlap: sqlDialectOf(orm.em) === 'postgresql',
      onRows: (results) => report.write(results),
      onProgress: input.onProgress,
      runChunk: (work) => orm.em.fork().transactional((em) => work({ em, events: new BatchedEvents(outbox, meta) })),
    });
  } finally {
    await report.close();
  }
}
