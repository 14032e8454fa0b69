import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationObject } from '@mikro-orm/core';
import type { Dialect } from './database-location.js';
import type { Orm } from './open-database.js';

/**
 * A service's migrations, loaded only when one is pending. The generated migration classes extend
 * `@mikro-orm/migrations`' `Migration`, and that package loads umzug with its command line (@rushstack, ajv): about
 * 400 modules a process would otherwise load at every start to find nothing to do. `directory` holds one folder per
 * dialect with the generated `Migration…` files; `load` imports the generated list (the one authority on order).
 */
export interface LazyMigrationLists {
  directory: string;
  load(dialect: Dialect): Promise<MigrationObject[]>;
}

export const isLazyMigrations = (migrations: unknown): migrations is LazyMigrationLists =>
  typeof (migrations as LazyMigrationLists | undefined)?.load === 'function';

/** MikroORM's table of applied migrations (its default name; the config does not change it). */
const APPLIED_TABLE = 'mikro_orm_migrations';

/**
 * True unless every migration file of the dialect's folder is recorded as applied: a cheap look before loading the
 * migrator. It can only err towards "pending" (a table that cannot be read, a stale file in the folder): the
 * migrator then decides from the generated list, as it always did.
 */
export async function migrationsMayBePending(
  orm: Orm,
  migrations: LazyMigrationLists,
  dialect: Dialect,
): Promise<boolean> {
  let files: string[];
  try {
    files = readdirSync(join(migrations.directory, dialect))
      .map((file) => /^(Migration\d+\w*)\.(js|ts)$/.exec(file)?.[1])
      .filter((name): name is string => name !== undefined);
  } catch {
    return true;
  }
  let applied: Set<string>;
  try {
    const rows = await orm.em.getConnection().execute<{ name: string }[]>(`select name from ${APPLIED_TABLE}`);
    applied = new Set(rows.map((row) => row.name.replace(/\.(js|ts)$/, '')));
  } catch {
    return true; // no table yet: a new database
  }
  return files.length === 0 || files.some((name) => !applied.has(name));
}
