import { Migration } from '@mikro-orm/migrations';

/**
 * The consumers' inbox and record versions as `WITHOUT ROWID` tables (SQLite only: PostgreSQL has no rowid). Every
 * consumed event writes an inbox row per purpose and a version row per purpose and record; in a rowid table with a
 * text primary key each row is written twice (the table and the key's index), and both B-trees' pages go to the WAL
 * at every commit. Without rowid the key's B-tree holds the row. Same columns, keys and rows: each table is copied
 * into its new form in the migration's transaction, then takes the old name.
 */
export class Migration20261204120000_inbox_without_rowid extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`inbox_processed_event_new\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`)) without rowid;`,
    );
    this.addSql(
      `insert into \`inbox_processed_event_new\` (\`consumer\`, \`event_id\`, \`processed_at\`) select \`consumer\`, \`event_id\`, \`processed_at\` from \`inbox_processed_event\`;`,
    );
    this.addSql(`drop table \`inbox_processed_event\`;`);
    this.addSql(`alter table \`inbox_processed_event_new\` rename to \`inbox_processed_event\`;`);

    this.addSql(
      `create table \`inbox_projection_version_new\` (\`consumer\` text not null, \`aggregate\` text not null, \`aggregate_id\` text not null, \`version\` integer not null, primary key (\`consumer\`, \`aggregate\`, \`aggregate_id\`)) without rowid;`,
    );
    this.addSql(
      `insert into \`inbox_projection_version_new\` (\`consumer\`, \`aggregate\`, \`aggregate_id\`, \`version\`) select \`consumer\`, \`aggregate\`, \`aggregate_id\`, \`version\` from \`inbox_projection_version\`;`,
    );
    this.addSql(`drop table \`inbox_projection_version\`;`);
    this.addSql(`alter table \`inbox_projection_version_new\` rename to \`inbox_projection_version\`;`);
  }
}
