import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062009_record_versions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outbox_aggregate_version" ("aggregate" varchar(100) not null, "aggregate_id" varchar(200) not null, "version" int not null, constraint "outbox_aggregate_version_pkey" primary key ("aggregate", "aggregate_id"));`,
    );

    this.addSql(
      `create table "inbox_projection_version" ("consumer" varchar(100) not null, "aggregate" varchar(100) not null, "aggregate_id" varchar(200) not null, "version" int not null, constraint "inbox_projection_version_pkey" primary key ("consumer", "aggregate", "aggregate_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outbox_aggregate_version" cascade;`);

    this.addSql(`drop table if exists "inbox_projection_version" cascade;`);
  }
}
