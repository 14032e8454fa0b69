/**
 * The thread of a `SqliteWriteWorker`: its own better-sqlite3 connection to the database file, with the pragmas of
 * the ORM's connections; each message is a list of queued rows (`BulkWrites.take`) written in one transaction
 * (`BEGIN IMMEDIATE` … `COMMIT`, rolled back on any error), answered with `{ id }` or `{ id, error }`.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { QueuedRows } from './bulk-writes.js';
import { insertSqliteRows, type SqliteConnection } from './prepared-rows.js';

interface Database extends SqliteConnection {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  close(): void;
  readonly inTransaction: boolean;
}

const { file, pragmas } = workerData as { file: string; pragmas: readonly string[] };
const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options: { fileMustExist: boolean },
) => Database;
const db = new Sqlite(file, { fileMustExist: true });
for (const pragma of pragmas) db.pragma(pragma);
const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');

parentPort!.on('message', (message: { id: number; writes: QueuedRows[] } | { close: true }) => {
  if ('close' in message) {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    begin.run([]);
    for (const q of message.writes) insertSqliteRows(db, q.table, q.columns, q.rows, q.suffix);
    commit.run([]);
    parentPort!.postMessage({ id: message.id });
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
