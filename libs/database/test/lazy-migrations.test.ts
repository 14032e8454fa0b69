import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntitySchema, type MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { openDatabase, type Dialect, type LazyMigrationLists, type Orm } from '../src/index.js';

class Notice {
  id!: string;
}
const NoticeSchema = new EntitySchema<Notice>({
  class: Notice,
  tableName: 'notice',
  properties: { id: { type: 'string', primary: true } },
});

class CreateNotice extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "notice" ("id" varchar(255) not null primary key)');
  }
}
class AddTitle extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "notice" add column "title" varchar(255) null');
  }
}

/** A service's migrations folder (generated files, here stand-ins: only their names are read) and a counted loader. */
function lazyMigrations(list: MigrationObject[]) {
  const directory = mkdtempSync(join(tmpdir(), 'lazy-migrations-'));
  const loads: Dialect[] = [];
  const write = (names: string[]) => {
    for (const dialect of ['sqlite', 'postgresql']) {
      mkdirSync(join(directory, dialect), { recursive: true });
      for (const name of names) writeFileSync(join(directory, dialect, `${name}.js`), '');
      writeFileSync(join(directory, dialect, 'index.js'), '');
    }
  };
  const migrations: LazyMigrationLists = {
    directory,
    load: async (dialect) => {
      loads.push(dialect);
      return list;
    },
  };
  return { migrations, loads, write, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

describe.each(testDialects())('migrations loaded only when one may be pending (%s)', (dialect) => {
  const opened: Orm[] = [];
  const cleanup: Array<() => void> = [];
  afterAll(async () => {
    await Promise.all(opened.map((orm) => orm.close(true)));
    cleanup.forEach((c) => c());
  });

  it('loads and applies them on a new database, skips the loader when all are applied, loads again for a new one', async () => {
    const location = testDatabaseLocation(dialect, 'lazy_migrations');
    const list: MigrationObject[] = [{ name: 'Migration1_notice', class: CreateNotice }];
    const lazy = lazyMigrations(list);
    cleanup.push(lazy.remove);
    lazy.write(['Migration1_notice']);
    const settings = { location, entities: [NoticeSchema], migrations: lazy.migrations };

    opened.push(await openDatabase(settings));
    expect(lazy.loads).toEqual([dialect]);

    opened.push(await openDatabase(settings));
    expect(lazy.loads, 'nothing pending: the migrator and the list are not loaded').toEqual([dialect]);

    list.push({ name: 'Migration2_title', class: AddTitle });
    lazy.write(['Migration2_title']);
    const orm = await openDatabase(settings);
    opened.push(orm);
    expect(lazy.loads).toEqual([dialect, dialect]);
    const applied = await orm.em.getConnection().execute('select name from mikro_orm_migrations order by id');
    expect(applied).toEqual([{ name: 'Migration1_notice' }, { name: 'Migration2_title' }]);
  });
});
