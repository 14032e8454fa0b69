export * from './database-location.js';
export * from './orm-config.js';
export * from './open-database.js';
export { isLazyMigrations, type LazyMigrationLists } from './lazy-migrations.js';
export { createMigrations, type CreateMigrationsSettings } from './create-migrations.js';
export { newId } from './new-id.js';
export { forShare, forUpdate } from './row-locks.js';
export {
  DEFAULT_DELETE_BATCH_SIZE,
  DEFAULT_SCAN_PAGE_SIZE,
  deleteInBatches,
  scanKeysetPages,
  scanProgressLogger,
  type KeysetPage,
  type KeysetScanOptions,
  type KeysetScanProgress,
  type ScanProgressLog,
} from './keyset-pages.js';
export { columnSum, plainRows, subquery } from './plain-rows.js';
export { insertRows } from './bound-sql.js';
export { BulkWrites, type QueuedRows } from './bulk-writes.js';
export { insertPrepared, listMatch, runPrepared } from './prepared-rows.js';
export { forEachRow } from './streamed-rows.js';
export { SqliteWriteWorker } from './sqlite-write-worker.js';
export { countNewRollupMembers } from './rollup-new-members.js';
export {
  distinctColumns,
  distinctGroupingName,
  type DistinctDerivation,
  type DistinctGrouping,
  type DistinctRollup,
} from './distinct-rollups.js';
export { upsertPlainRow, type PlainUpsert } from './plain-upsert.js';
export { cacheStatements } from './statement-cache.js';
export { executePlain, executePlainValues } from './plain-statement.js';
export { sqlForRows } from './sql-texts.js';
export {
  SqliteConnection,
  SqliteDriver,
  SqliteEntityManager,
  SqliteTransaction,
  isSqliteTransaction,
  type SqliteTransactionOptions,
  transactionTurns,
  TransactionTurns,
  TRANSACTION_TURN_TIMEOUT_MS,
  DEFAULT_TRANSACTION_QUEUE_LIMIT,
  TransactionQueueFullError,
} from './sqlite-transactions.js';
export { COMMIT_GROUP_MAX_MEMBERS, COMMIT_GROUP_MAX_MS, CommitGroup } from './sqlite-commit-group.js';
export { sqliteReader } from './sqlite-reader.js';
export { entityCount, entityRows, rowToPlain, selectStatement } from './entity-rows.js';
export {
  RollupSubscriber,
  addToRollupGroups,
  ensureRollups,
  rebuildRollup,
  refreshRollup,
  type CoarserRollup,
  type RollupDefinition,
  type RollupDialect,
  type RollupWatch,
} from './rollups.js';
export { agedAtLeastSql, communityDateSql, isoDateSql, sqlDialectOf, type SqlDialect } from './calendar-sql.js';
export { communityScopeSql, type CommunityIdScope } from './community-scope-sql.js';
export { flushPending, unitOfWorkIsEmpty } from './unit-of-work.js';
export { AfterCommit, afterCommitOf } from './after-commit.js';
export { runTopLevelTransaction, type TopLevelTransactionOptions } from './top-level-transaction.js';
export { statementsDuring } from './statements-seen.js';
export { firstIdsPerKey } from './first-per-key.js';
export {
  CONCURRENCY_RETRIES,
  concurrencyPause,
  isConcurrencyFailure,
  retryingConcurrencyFailures,
} from './concurrency-failure.js';
