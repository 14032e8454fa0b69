/**
 * The consumers' inbox (`inbox_processed_event`) and record versions (`inbox_projection_version`) as `WITHOUT ROWID`
 * tables, on SQLite (PostgreSQL tables have no rowid). Every consumed event writes an inbox row per purpose and a
 * version row per purpose and record; in a rowid table with a text primary key each row is written twice (the table
 * and the key's index), and both B-trees' pages go to the WAL at every commit. Without rowid the key's B-tree holds
 * the row. Same columns, keys and rows: each table is copied into its new form, then takes the old name. Each
 * service's SQLite migration `…_inbox_without_rowid` runs these statements (in its transaction).
 */
export const INBOX_WITHOUT_ROWID_SQL: readonly string[] = [
  'create table `inbox_processed_event_new` (`consumer` text not null, `event_id` text not null, `processed_at` datetime not null, primary key (`consumer`, `event_id`)) without rowid;',
  'insert into `inbox_processed_event_new` (`consumer`, `event_id`, `processed_at`) select `consumer`, `event_id`, `processed_at` from `inbox_processed_event`;',
  'drop table `inbox_processed_event`;',
  'alter table `inbox_processed_event_new` rename to `inbox_processed_event`;',
  'create table `inbox_projection_version_new` (`consumer` text not null, `aggregate` text not null, `aggregate_id` text not null, `version` integer not null, primary key (`consumer`, `aggregate`, `aggregate_id`)) without rowid;',
  'insert into `inbox_projection_version_new` (`consumer`, `aggregate`, `aggregate_id`, `version`) select `consumer`, `aggregate`, `aggregate_id`, `version` from `inbox_projection_version`;',
  'drop table `inbox_projection_version`;',
  'alter table `inbox_projection_version_new` rename to `inbox_projection_version`;',
];

/**
 * The record versions' `version` as a 64-bit column: it also holds a durable's stream position
 * (`durable-positions.ts`), a JetStream sequence, which passes PostgreSQL's `integer` (2^31 − 1) after two billion
 * events (25 days at 1,000 events a second). On SQLite an `integer` is already 64-bit; the table is rebuilt only so its
 * declared type matches the entity (`bigint`, so the migration generator sees no change), keeping `WITHOUT ROWID` (a
 * generated rebuild would drop it). Each service's SQLite migration `…_durable_positions_bigint` runs these
 * statements; PostgreSQL's is generated (`alter column … type bigint`).
 */
export const INBOX_VERSION_BIGINT_SQL: readonly string[] = [
  'create table `inbox_projection_version_new` (`consumer` text not null, `aggregate` text not null, `aggregate_id` text not null, `version` bigint not null, primary key (`consumer`, `aggregate`, `aggregate_id`)) without rowid;',
  'insert into `inbox_projection_version_new` (`consumer`, `aggregate`, `aggregate_id`, `version`) select `consumer`, `aggregate`, `aggregate_id`, `version` from `inbox_projection_version`;',
  'drop table `inbox_projection_version`;',
  'alter table `inbox_projection_version_new` rename to `inbox_projection_version`;',
];
