import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001136_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outbox_message" ("id" varchar(36) not null, "subject" varchar(200) not null, "payload" text not null, "created_at" timestamptz not null, "sent_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_message_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_message_pending_idx" on "outbox_message" ("sent_at", "id");`);

    this.addSql(`create table "party_organization" ("id" varchar(36) not null, "community_id" varchar(12) not null, "name" varchar(100) not null, "level" varchar(20) not null, "parent_id" varchar(36) null, "secretary_resident_id" varchar(36) null, constraint "party_organization_pkey" primary key ("id"));`);
    this.addSql(`create index "party_organization_community_id_index" on "party_organization" ("community_id");`);

    this.addSql(`create table "party_member" ("id" varchar(36) not null, "community_id" varchar(12) not null, "resident_id" varchar(36) not null, "branch_id" varchar(36) not null, "stage" varchar(30) not null, "stage_since" varchar(10) not null, "member_type" varchar(30) not null default 'COMMUNITY', constraint "party_member_pkey" primary key ("id"));`);
    this.addSql(`alter table "party_member" add constraint "party_member_resident_id_unique" unique ("resident_id");`);

    this.addSql(`create table "inbox_processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, constraint "inbox_processed_event_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`alter table "party_organization" add constraint "party_organization_parent_id_foreign" foreign key ("parent_id") references "party_organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "party_member" add constraint "party_member_branch_id_foreign" foreign key ("branch_id") references "party_organization" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "party_organization" drop constraint "party_organization_parent_id_foreign";`);

    this.addSql(`alter table "party_member" drop constraint "party_member_branch_id_foreign";`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "party_organization" cascade;`);

    this.addSql(`drop table if exists "party_member" cascade;`);

    this.addSql(`drop table if exists "inbox_processed_event" cascade;`);
  }

}
