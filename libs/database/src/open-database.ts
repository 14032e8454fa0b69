import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { loadMigrator, ormConfig, type OrmSettings } from './orm-config.js';
import { isLazyMigrations, migrationsMayBePending } from './lazy-migrations.js';
import { withSqliteMigrationLock } from './migration-lock.js';

export type Orm = MikroORM<AbstractSqlDriver>;
export type EntityManager = SqlEntityManager;

/** Advisory-lock key of migrations (PostgreSQL advisory locks are per database). */
const MIGRATION_LOCK_KEY = 7_140_014;

/**
 * Connects (creating a missing PostgreSQL database) and applies pending migrations — once per database and
 * version: on PostgreSQL under a transaction-scoped advisory lock, on SQLite under an exclusive lock of a sidecar
 * file (`withSqliteMigrationLock`), so processes starting together wait for the first one instead of applying the
 * same migration twice.
 */
export async function openDatabase(settings: OrmSettings): Promise<Orm> {
  const orm = (await MikroORM.init(ormConfig(settings))) as Orm;
  try {
    const { migrations } = settings;
    const { dialect } = settings.location;
    if (isLazyMigrations(migrations)) {
      // nothing pending (every start but the first after an upgrade): the migrator is never loaded
      if (!(await migrationsMayBePending(orm, migrations, dialect))) return orm;
      orm.config.set('migrations', {
        ...orm.config.get('migrations'),
        migrationsList: await migrations.load(dialect),
      });
      loadMigrator().register(orm);
    }
    if (settings.location.dialect === 'postgresql') {
      await orm.em
        .getConnection()
        .getKnex()
        .transaction(async (lock) => {
          await lock.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
          await orm.getMigrator().up();
        });
    } else if (settings.location.dbName === ':memory:') {
      await orm.getMigrator().up();
    } else {
      await withSqliteMigrationLock(settings.location.dbName, () => orm.getMigrator().up());
    }
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

/** True when the database answers a trivial query (used by `/ready`). */
export async function databaseIsReachable(orm: Orm): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
