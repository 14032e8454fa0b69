import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062309_reference_projection extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "reference_projection" ("kind" varchar(16) not null, "id" varchar(36) not null, "community_id" varchar(12) not null, "status" varchar(12) not null default 'ACTIVE', "parent_id" varchar(36) null, "grid_id" varchar(36) null, "department" varchar(30) null, "grid_ids" varchar(1000) not null default '', "birth_date" varchar(10) null, "source_occurred_at" timestamptz not null, constraint "reference_projection_pkey" primary key ("kind", "id"));`,
    );
    this.addSql(
      `create index "reference_projection_community_id_kind_index" on "reference_projection" ("community_id", "kind");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reference_projection" cascade;`);
  }
}
