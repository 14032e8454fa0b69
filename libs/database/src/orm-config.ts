import { createRequire } from 'node:module';
import type { EntityClass, EntitySchema, EventSubscriber, MigrationObject, Options } from '@mikro-orm/core';
import type * as PostgresModule from '@mikro-orm/postgresql';
import type * as MigrationsModule from '@mikro-orm/migrations';
import type { DatabaseLocation, Dialect } from './database-location.js';
import { cacheStatements } from './statement-cache.js';
import { SqliteDriver, SqliteEntityManager } from './sqlite-transactions.js';
import { isLazyMigrations, type LazyMigrationLists } from './lazy-migrations.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MikroORM's own entity lists are typed this way
export type EntityDefinition = EntityClass<any> | EntitySchema<any, any>;

/**
 * Migrations are generated per dialect (SQL differs) and listed explicitly, never found by globbing: the lists
 * themselves, or (a service at start) a loader of them that `openDatabase` calls only when one may be pending.
 */
export type MigrationLists = Record<Dialect, MigrationObject[]> | LazyMigrationLists;

export interface OrmSettings {
  location: DatabaseLocation;
  entities: EntityDefinition[];
  migrations: MigrationLists;
  /** Flush and transaction subscribers (e.g. the service's `RollupSubscriber`). */
  subscribers?: EventSubscriber[];
  /** Where `createMigrations` writes new files (the service's src/migrations). */
  migrationsPath?: string;
  debug?: boolean;
  /** Receives MikroORM's log lines when `debug` is on. */
  log?: (message: string) => void;
}

// The PostgreSQL driver (and `pg`) is loaded only for a PostgreSQL database: a SQLite process starts without it.
const require = createRequire(import.meta.url);

/** `@mikro-orm/migrations` (umzug and its command line: ~400 modules), loaded when migrations are to run. */
export const loadMigrator = (): typeof MigrationsModule.Migrator =>
  (require('@mikro-orm/migrations') as typeof MigrationsModule).Migrator;

/**
 * The page cache of the ORM's SQLite connection, in SQLite's unit (negative: KiB): 2 MB, SQLite's own default.
 * better-sqlite3 is built with 16 MB per connection (`SQLITE_DEFAULT_CACHE_SIZE=-16000`), allocated with malloc as
 * pages are touched and kept until the connection closes. This connection holds the transactions, so every write;
 * inserts into indexes in random key order (ids, event ids) touch pages all over them, and under a sustained write load
 * the cache filled to its 16 MB: in the events benchmark cases' malloc heap (`[heap]` in smaps) reached 31–33 MB
 * (heaptrack: 18 MB of the peak in SQLite's allocations, the page cache of the inserts), and the process peaked at
 * 153–161 MB (bar 150). At 2 MB (~500 pages of 4 KB: the interior pages of the indexes a transaction walks) the process
 * peaked at 138–144 MB (its malloc heap 15 MB), CPU per event the same within noise: a page not in the cache is read
 * from the operating system's file cache. The read-only connection of plain reads (`sqliteReader`) keeps
 * better-sqlite3's 16 MB: its cache serves the read path, and another connection's commit discards it, so a write load
 * does not fill it. See README, "Memory in the events benchmark (2026-12-03, night)".
 */
export const SQLITE_WRITER_CACHE_SIZE = -2000;
/**
 * How many changed pages (negative: KiB) a transaction on that connection keeps in memory before SQLite writes some
 * of them to the WAL ahead of its commit: 16 MB, as under better-sqlite3's default cache. SQLite spills once the
 * cache holds more pages than the larger of this and `cache_size`: with `cache_size` alone at 2 MB, a transaction
 * that changes more than 2 MB of pages (a seed, the import without its write worker) would start writing to the WAL
 * before its commit. The pages above `cache_size` are freed again once they are clean (after the commit), so small
 * transactions keep the cache at 2 MB.
 */
export const SQLITE_WRITER_CACHE_SPILL = -16000;

export function ormConfig(settings: OrmSettings): Options {
  const { location } = settings;
  const lazy = isLazyMigrations(settings.migrations);
  const common = {
    entities: settings.entities,
    subscribers: settings.subscribers ?? [],
    discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
    // demo data seeds through the services' application functions, not a seeder; lazy lists: openDatabase registers
    // the migrator when a migration may be pending
    extensions: lazy ? [] : [loadMigrator()],
    forceUtcTimezone: true,
    debug: settings.debug ?? process.env.SHEQU_SQL_DEBUG === '1',
    logger: settings.log,
    migrations: {
      migrationsList: isLazyMigrations(settings.migrations) ? [] : settings.migrations[location.dialect],
      path: settings.migrationsPath ? `${settings.migrationsPath}/${location.dialect}` : undefined,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts' as const,
    },
  };
  if (location.dialect === 'postgresql') {
    const { PostgreSqlDriver } = require('@mikro-orm/postgresql') as typeof PostgresModule;
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: location.clientUrl,
      dbName: location.dbName,
      pool: { min: 0, max: 10 },
    };
  }
  return {
    ...common,
    // MikroORM's better-sqlite3 driver with transactions of its own (sqlite-transactions.ts)
    driver: SqliteDriver,
    entityManager: SqliteEntityManager,
    dbName: location.dbName,
    pool: {
      afterCreate: (
        connection: Parameters<typeof cacheStatements>[0] & { pragma(sql: string): unknown },
        done: (error: Error | null, connection: unknown) => void,
      ) => {
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        connection.pragma('foreign_keys = ON');
        connection.pragma('busy_timeout = 5000');
        connection.pragma(`cache_size = ${SQLITE_WRITER_CACHE_SIZE}`);
        connection.pragma(`cache_spill = ${SQLITE_WRITER_CACHE_SPILL}`);
        cacheStatements(connection);
        done(null, connection);
      },
    },
  };
}
