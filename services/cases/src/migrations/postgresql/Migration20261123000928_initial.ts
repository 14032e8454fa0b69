import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000928_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "case_record" ("id" varchar(36) not null, "community_id" varchar(12) not null, "number" varchar(20) not null, "status" varchar(20) not null default 'RECEIVED', "category" varchar(30) not null, "channel" varchar(20) not null, "priority" varchar(10) not null default 'NORMAL', "department" varchar(30) not null, "reporter_id" varchar(36) null, "description" text not null, "grid_id" varchar(36) null, "assignee_staff_id" varchar(36) null, "opened_at" timestamptz not null, "updated_at" timestamptz not null, constraint "case_record_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "case_record" add constraint "case_record_number_unique" unique ("number");`);
    this.addSql(`create index "case_record_reporter_id_index" on "case_record" ("reporter_id");`);
    this.addSql(`create index "case_record_grid_id_index" on "case_record" ("grid_id");`);
    this.addSql(`create index "case_record_community_id_status_index" on "case_record" ("community_id", "status");`);

    this.addSql(
      `create table "case_number_sequence" ("year" int not null, "last" int not null, constraint "case_number_sequence_pkey" primary key ("year"));`,
    );

    this.addSql(
      `create table "outbox_message" ("id" varchar(36) not null, "subject" varchar(200) not null, "payload" text not null, "created_at" timestamptz not null, "sent_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_message_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_pending_idx" on "outbox_message" ("sent_at", "id");`);

    this.addSql(
      `create table "inbox_processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, constraint "inbox_processed_event_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "resident_projection" ("resident_id" varchar(36) not null, "community_id" varchar(12) not null, "household_id" varchar(36) null, "building_id" varchar(36) null, "grid_id" varchar(36) null, "birth_date" varchar(10) null, "status" varchar(12) not null default 'ACTIVE', "updated_at" timestamptz not null, constraint "resident_projection_pkey" primary key ("resident_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_record" cascade;`);

    this.addSql(`drop table if exists "case_number_sequence" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "inbox_processed_event" cascade;`);

    this.addSql(`drop table if exists "resident_projection" cascade;`);
  }
}
