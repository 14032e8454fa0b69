import { createRequire } from 'node:module';
import type { EntityClass, EntitySchema, EventSubscriber, MigrationObject, Options } from '@mikro-orm/core';
import type * as PostgresModule from '@mikro-orm/postgresql';
import type * as MigrationsModule from '@mikro-orm/migrations';
import type { DatabaseLocation, Dialect } from './database-location.js';
import { cacheStatements } from './statement-cache.js';
import { SqliteDriver } from './sqlite-transactions.js';
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
        cacheStatements(connection);
        done(null, connection);
      },
    },
  };
}
