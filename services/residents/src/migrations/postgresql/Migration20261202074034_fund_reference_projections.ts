import { Migration } from '@mikro-orm/migrations';

export class Migration20261202074034_fund_reference_projections extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "case_projection" ("case_id" varchar(36) not null, "community_id" varchar(12) not null, "category" varchar(30) not null, "status" varchar(12) not null, "updated_at" timestamptz not null, constraint "case_projection_pkey" primary key ("case_id"));`,
    );

    this.addSql(
      `create table "community_event_projection" ("event_id" varchar(36) not null, "community_id" varchar(12) not null, "status" varchar(12) not null, "updated_at" timestamptz not null, constraint "community_event_projection_pkey" primary key ("event_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_projection" cascade;`);

    this.addSql(`drop table if exists "community_event_projection" cascade;`);
  }
}
