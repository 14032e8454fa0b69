import { afterAll, describe, expect, it } from 'vitest';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { openDatabase, type Orm } from '../src/index.js';

class Notice {
  id!: string;
}
const NoticeSchema = new EntitySchema<Notice>({
  class: Notice,
  tableName: 'notice',
  properties: { id: { type: 'string', primary: true } },
});

/** Slow on purpose (PostgreSQL), so replicas starting together overlap inside it. */
class CreateNotice extends Migration {
  override async up(): Promise<void> {
    if ((this.config.get('dbName') ?? '').endsWith('.sqlite')) {
      this.addSql('create table "notice" ("id" varchar(255) not null primary key)');
      return;
    }
    this.addSql('select pg_sleep(0.5)');
    this.addSql('create table "notice" ("id" varchar(255) not null primary key)');
  }
}

describe.each(testDialects())('migrations run once per database and version (%s)', (dialect) => {
  const opened: Orm[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((orm) => orm.close(true)));
  });

  it('lets three replicas start on a fresh database at once (PostgreSQL; SQLite: one process per file)', async () => {
    const location = testDatabaseLocation(dialect, 'migration_lock');
    const settings = {
      location,
      entities: [NoticeSchema],
      migrations: {
        sqlite: [{ name: 'Migration1_notice', class: CreateNotice }],
        postgresql: [{ name: 'Migration1_notice', class: CreateNotice }],
      },
    };
    // the first creates the database; then three start together
    opened.push(await openDatabase({ ...settings, migrations: { sqlite: [], postgresql: [] } }));
    const replicas =
      dialect === 'postgresql'
        ? await Promise.all([openDatabase(settings), openDatabase(settings), openDatabase(settings)])
        : [await openDatabase(settings)];
    opened.push(...replicas);
    const applied = await replicas[0].em.getConnection().execute('select name from mikro_orm_migrations');
    expect(applied).toEqual([{ name: 'Migration1_notice' }]);
  });
});
