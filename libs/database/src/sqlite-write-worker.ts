import { Worker } from 'node:worker_threads';
import type { QueuedRows } from './bulk-writes.js';

/** The pragmas of the ORM's SQLite connections (`orm-config.ts`) that matter to a writer. */
const CONNECTION_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 5000'];

/**
 * Writes queued rows (`BulkWrites.take`) into a SQLite database file on a worker thread, each batch in its own
 * transaction on the worker's own connection, in the order given: the bulk import hands a chunk's inserts here and
 * checks and builds the next chunk meanwhile, so SQLite's work (statements, indexes, `COMMIT`) runs on the other
 * core. Only for rows that need nothing read back in the same transaction (plain inserts, upserts without
 * `returning`). WAL mode: the main connection keeps reading what is committed.
 */
export class SqliteWriteWorker {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  constructor(file: string, options: { pragmas?: readonly string[] } = {}) {
    // from the sources (tests load the libraries' src/), the thread runs the built file
    const entry = import.meta.url.endsWith('.ts') ? '../dist/sqlite-write-thread.js' : './sqlite-write-thread.js';
    this.worker = new Worker(new URL(entry, import.meta.url), {
      workerData: { file, pragmas: [...CONNECTION_PRAGMAS, ...(options.pragmas ?? [])] },
    });
    this.worker.on('message', (message: { id: number; error?: string }) => {
      const waiting = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error === undefined) waiting?.resolve();
      else waiting?.reject(new Error(message.error));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`SQLite write worker exited (${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }

  /** Writes `writes` in one transaction on the worker; settles once committed (or rolled back, with the error). */
  write(writes: QueuedRows[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, writes });
    });
  }

  /** Closes the worker's connection and ends the thread (after what was handed to it). */
  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ close: true });
    await exited;
  }
}
