import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';

/** The part of better-sqlite3 (MikroORM's SQLite driver) this lock uses. */
interface SqliteConnection {
  exec(sql: string): unknown;
  close(): unknown;
}
type SqliteConstructor = new (path: string, options?: { timeout?: number }) => SqliteConnection;

const require = createRequire(import.meta.url);

/**
 * Runs `work` while holding the migration lock of a SQLite database file: an exclusive transaction on the
 * sidecar file `<database>.migration-lock`. A second process migrating the same file waits (up to `waitMs`)
 * until the first has finished, then finds nothing pending — migrations run once per database and version.
 * The lock is SQLite's own file lock: the operating system releases it when the holder dies (kill -9), so a crash
 * never leaves a stale lock behind. (PostgreSQL: `pg_advisory_xact_lock` in `openDatabase`.)
 */
export async function withSqliteMigrationLock<T>(
  databaseFile: string,
  work: () => Promise<T>,
  waitMs = 120_000,
): Promise<T> {
  const Database = require('better-sqlite3') as SqliteConstructor;
  // no busy timeout of SQLite's own (it would block the event loop): tried every 100 ms until `waitMs`
  const lock = new Database(`${databaseFile}.migration-lock`, { timeout: 0 });
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        lock.exec('begin exclusive');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
        await delay(100);
      }
    }
    try {
      return await work();
    } finally {
      lock.exec('rollback');
    }
  } finally {
    lock.close();
  }
}
