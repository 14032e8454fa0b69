import { Migration } from '@mikro-orm/migrations';

export class Migration20261202102025_open311_request extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "open311_request" ("id" varchar(36) not null, "community_id" varchar(12) not null, "case_id" varchar(36) not null, "client_id" varchar(80) not null, "address_string" varchar(200) null, "address_id" varchar(36) null, "latitude" double precision null, "longitude" double precision null, "media_url" varchar(500) null, "submitted_at" timestamptz not null, constraint "open311_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "open311_request" add constraint "open311_request_case_id_unique" unique ("case_id");`);
    this.addSql(`create index "open311_request_community_id_submitted_at_index" on "open311_request" ("community_id", "submitted_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "open311_request" cascade;`);
  }

}
