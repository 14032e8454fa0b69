import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { ormConfig, type OrmSettings } from './orm-config.js';

export type Orm = MikroORM<AbstractSqlDriver>;
export type EntityManager = SqlEntityManager;

/** Connects (creating a missing PostgreSQL database) and applies pending migrations. */
export async function openDatabase(settings: OrmSettings): Promise<Orm> {
  const orm = (await MikroORM.init(ormConfig(settings))) as Orm;
  try {
    await orm.getMigrator().up();
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
