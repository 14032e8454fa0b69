import type { EntityManager } from '@mikro-orm/core';
import { retryingConcurrencyFailures } from './concurrency-failure.js';
import { executePlain } from './plain-statement.js';

/** Rows per page of a scheduled scan unless the caller asks otherwise. */
export const DEFAULT_SCAN_PAGE_SIZE = 500;

/**
 * What one page of a keyset scan reports: how many rows it read, the key of the last one (null: none), and how many
 * things it did (`done`: tasks opened, cases flagged …), counted once its transaction has committed.
 */
export interface KeysetPage {
  rows: number;
  lastKey: string | null;
  done?: number;
}

export interface KeysetScanProgress {
  pages: number;
  rows: number;
  /** The committed pages' `done`, summed. */
  done: number;
}

export interface KeysetScanOptions {
  /** Rows per page (default DEFAULT_SCAN_PAGE_SIZE). */
  pageSize?: number;
  /** Called after each committed page (counts only: for a progress log of a long scan). */
  onPage?: (progress: KeysetScanProgress) => void;
}

/**
 * Walks a table in keyset pages (`key > after order by key limit pageSize`), each page in its own short transaction
 * on a fresh fork: the memory a scan needs and the rows it holds locked are bounded by the page, not by the rows it
 * covers. `page` reads at most `limit` rows after `after` (null: from the start), handles them, and reports how many
 * it read and the last key; the walk ends at the first page shorter than `limit`. A page the database aborts as a
 * deadlock or serialisation failure (a consumer or another replica locking the same rows in another order) is run
 * again on a fresh fork (`retryingConcurrencyFailures`: nothing of it was written), so `page` must keep nothing
 * outside its transaction — it reports what it did as `done`. A page that fails otherwise, or keeps being aborted,
 * rolls back alone (the pages before it stay committed) and the error ends the walk.
 */
export async function scanKeysetPages(
  em: EntityManager,
  page: (tx: EntityManager, after: string | null, limit: number) => Promise<KeysetPage>,
  options: KeysetScanOptions = {},
): Promise<KeysetScanProgress> {
  const limit = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_SCAN_PAGE_SIZE));
  const progress: KeysetScanProgress = { pages: 0, rows: 0, done: 0 };
  let after: string | null = null;
  for (;;) {
    const from: string | null = after;
    const result: KeysetPage = await retryingConcurrencyFailures(() =>
      em.fork({ clear: true }).transactional((tx) => page(tx, from, limit)),
    );
    progress.pages += 1;
    progress.rows += result.rows;
    progress.done += result.done ?? 0;
    options.onPage?.({ ...progress });
    if (result.rows < limit || result.lastKey === null) return progress;
    after = result.lastKey;
  }
}

/** Where a scan's progress goes (a pino logger fits). */
export interface ScanProgressLog {
  info(object: object, message: string): void;
}

/** Logs a long scan's progress every `every` pages (counts only, never row contents). */
export function scanProgressLogger(
  logger: ScanProgressLog | undefined,
  task: string,
  every = 20,
): ((progress: KeysetScanProgress) => void) | undefined {
  if (!logger) return undefined;
  return (progress) => {
    if (progress.pages % every === 0) logger.info({ task, ...progress }, 'scheduled scan progress');
  };
}

/** Rows deleted per statement by `deleteInBatches` unless the caller asks otherwise. */
export const DEFAULT_DELETE_BATCH_SIZE = 5000;

/**
 * Deletes the rows of `table` matching `where` (SQL with `?` placeholders, `params` their values) in batches of at
 * most `batchSize` rows, each its own short transaction: a prune of a large backlog neither holds one huge
 * transaction nor locks every matching row at once. `keyColumns` is the primary key (a composite key compares as a
 * row value: SQLite >= 3.15, PostgreSQL). Returns how many rows were deleted.
 */
export async function deleteInBatches(
  em: EntityManager,
  table: string,
  keyColumns: readonly string[],
  where: string,
  params: readonly unknown[],
  batchSize = DEFAULT_DELETE_BATCH_SIZE,
): Promise<number> {
  const keys = keyColumns.join(', ');
  const sql =
    `delete from ${table} where (${keys}) in (select ${keys} from ${table} where ${where} limit ?) ` +
    `returning ${keyColumns[0]}`;
  const limit = Math.max(1, Math.floor(batchSize));
  let deleted = 0;
  for (;;) {
    const rows = await em
      .fork({ clear: true })
      .transactional((tx) => executePlain<unknown>(tx, sql, [...params, limit]));
    deleted += rows.length;
    if (rows.length < limit) return deleted;
  }
}
