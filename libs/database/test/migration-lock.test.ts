import { afterAll, describe, expect, it } from 'vitest';
import { EntitySchema } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { fileURLToPath } from 'node:url';
import { startProcess, testDatabaseLocation, testDialects } from '@shequ/testing';
import { openDatabase, type Orm } from '../src/index.js';

/** A process that migrates the database it is given (built `dist/`). */
const FIXTURE = fileURLToPath(new URL('./fixtures/migrate-twice.mjs', import.meta.url));

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

  it('lets three replicas start on a fresh database at once', async () => {
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
    const replicas = await Promise.all([openDatabase(settings), openDatabase(settings), openDatabase(settings)]);
    opened.push(...replicas);
    const applied = await replicas[0].em.getConnection().execute('select name from mikro_orm_migrations');
    expect(applied).toEqual([{ name: 'Migration1_notice' }]);
  });
});

describe.each(testDialects())('two processes migrating one database at once (%s)', (dialect) => {
  it('applies each migration once: the second process waits for the first, then finds nothing pending', async () => {
    const location = testDatabaseLocation(dialect, 'migration_processes');
    const env = { ...process.env, MIGRATE_LOCATION: JSON.stringify(location) };
    if (dialect === 'postgresql') {
      // the database exists before both start (creating it is not what is raced here)
      await (
        await openDatabase({ location, entities: [NoticeSchema], migrations: { sqlite: [], postgresql: [] } })
      ).close(true);
    }
    const processes = [1, 2].map(() => startProcess('migrate', process.execPath, [FIXTURE], { env }));
    const codes = await Promise.all(processes.map((p) => p.exited));
    expect(codes, processes.map((p) => p.output()).join('\n')).toEqual([0, 0]);

    const orm = await openDatabase({ location, entities: [NoticeSchema], migrations: { sqlite: [], postgresql: [] } });
    try {
      const connection = orm.em.getConnection();
      expect(await connection.execute('select name from mikro_orm_migrations')).toEqual([
        { name: 'Migration1_notice' },
      ]);
      const ranBy = await connection.execute<Array<{ id: string }>>('select id from notice');
      expect(ranBy).toHaveLength(1);
      expect(processes.map((p) => String(p.child.pid))).toContain(ranBy[0].id);
    } finally {
      await orm.close(true);
    }
  });
});
