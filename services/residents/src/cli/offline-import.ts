import { createReadStream } from 'node:fs';
import { SYSTEM_ACTOR, type Actor } from '@shequ/contracts';
import { openDatabase, sqlDialectOf, SqliteWriteWorker, type DatabaseLocation, type Orm } from '@shequ/database';
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
 * SQLite: rows per chunk (one transaction) of the offline import. A commit writes every page the chunk changed to
 * the WAL, and the resident's indexes on ID number, name and birth date are changed at random places, so most of
 * their leaf pages are written again by every chunk: 2,000 rows a transaction write them half as often as 1,000
 * (commit CPU −40 % at 50,000 rows). The write lock is held that long (~0.15 s on an idle machine); the API's
 * `importResidents` runs in the service beside other writers and keeps 1,000.
 */
export const SQLITE_IMPORT_CHUNK_ROWS = 2000;
/**
 * SQLite: WAL pages before an automatic checkpoint while the offline import runs (SQLite's default, restored
 * after, is 1,000 = 4 MB; a chunk writes about that much): a page changed by several chunks is copied into the
 * database once per checkpoint, not once per chunk. The WAL file grows to ~40 MB meanwhile.
 */
export const SQLITE_IMPORT_CHECKPOINT_PAGES = 10_000;
const SQLITE_CHECKPOINT_PAGES = 1000;

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
    /** SQLite: false writes every chunk on the ORM's connection (no worker thread). */
    writeAside?: boolean;
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
  const postgres = sqlDialectOf(orm.em) === 'postgresql';
  // SQLite: the WAL is checkpointed less often while the import runs (see SQLITE_IMPORT_CHECKPOINT_PAGES)
  if (!postgres) await orm.em.getConnection().execute(`pragma wal_autocheckpoint = ${SQLITE_IMPORT_CHECKPOINT_PAGES}`);
  // SQLite (a database file): chunks that only insert are written by a worker thread on its own connection while
  // the next chunk is checked and built here — SQLite's statements and commits on the other core.
  const file = String(orm.config.get('dbName') ?? '');
  const writer =
    !postgres && input.writeAside !== false && file && file !== ':memory:' && !file.startsWith('file:')
      ? new SqliteWriteWorker(file, { pragmas: [`wal_autocheckpoint = ${SQLITE_IMPORT_CHECKPOINT_PAGES}`] })
      : null;
  try {
    return await importResidentStream(readImportStream(input.format, pieces), {
      communityId: input.communityId,
      today: input.today ?? new Date(),
      chunkSize: input.chunkSize ?? (postgres ? undefined : SQLITE_IMPORT_CHUNK_ROWS),
      // PostgreSQL: the next chunk is prepared while the server writes the previous one (two connections); SQLite:
      // while the worker writes it.
      overlap: postgres || writer !== null,
      writeAside: writer ? (writes) => writer.write(writes) : undefined,
      onRows: (results) => report.write(results),
      onProgress: input.onProgress,
      runChunk: (work) => orm.em.fork().transactional((em) => work({ em, events: new BatchedEvents(outbox, meta) })),
    });
  } finally {
    await writer?.close();
    if (!postgres) await orm.em.getConnection().execute(`pragma wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
    await report.close();
  }
}
