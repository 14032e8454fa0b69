import { createRequire } from 'node:module';
import type { EntityClass, EntitySchema, EventSubscriber, MigrationObject, Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import type * as PostgresModule from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { DatabaseLocation, Dialect } from './database-location.js';
import { cacheStatements } from './statement-cache.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MikroORM's own entity lists are typed this way
export type EntityDefinition = EntityClass<any> | EntitySchema<any, any>;

/** Migrations are generated per dialect (SQL differs) and listed explicitly, never found by globbing. */
export type MigrationLists = Record<Dialect, MigrationObject[]>;

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

export function ormConfig(settings: OrmSettings): Options {
  const { location } = settings;
  const common = {
    entities: settings.entities,
    subscribers: settings.subscribers ?? [],
    discovery: { requireEntitiesArray: true, disableDynamicFileAccess: true },
    extensions: [Migrator], // demo data seeds through the services' application functions, not a seeder
    forceUtcTimezone: true,
    debug: settings.debug ?? process.env.SHEQU_SQL_DEBUG === '1',
    logger: settings.log,
    migrations: {
      migrationsList: settings.migrations[location.dialect],
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
    driver: BetterSqliteDriver,
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
