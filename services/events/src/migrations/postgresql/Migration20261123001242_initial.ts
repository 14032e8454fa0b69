import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001242_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outbox_message" ("id" varchar(36) not null, "subject" varchar(200) not null, "payload" text not null, "created_at" timestamptz not null, "sent_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_message_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_pending_idx" on "outbox_message" ("sent_at", "id");`);

    this.addSql(
      `create table "inbox_processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, constraint "inbox_processed_event_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "venue" ("id" varchar(36) not null, "community_id" varchar(12) not null, "name" varchar(100) not null, "kind" varchar(30) not null, "capacity" int null, "address" varchar(200) null, constraint "venue_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "venue_community_id_index" on "venue" ("community_id");`);

    this.addSql(
      `create table "community_event" ("id" varchar(36) not null, "community_id" varchar(12) not null, "title" varchar(200) not null, "type" varchar(30) not null, "venue_id" varchar(36) null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "capacity" int null, "status" varchar(20) not null default 'PLANNED', constraint "community_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "community_event_community_id_starts_at_index" on "community_event" ("community_id", "starts_at");`,
    );

    this.addSql(
      `create table "registration" ("id" varchar(36) not null, "community_id" varchar(12) not null, "event_id" varchar(36) not null, "resident_id" varchar(36) not null, "status" varchar(20) not null, "registered_at" timestamptz not null, constraint "registration_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "registration_resident_id_index" on "registration" ("resident_id");`);
    this.addSql(`create index "registration_event_id_status_index" on "registration" ("event_id", "status");`);

    this.addSql(
      `alter table "community_event" add constraint "community_event_venue_id_foreign" foreign key ("venue_id") references "venue" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "registration" add constraint "registration_event_id_foreign" foreign key ("event_id") references "community_event" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "community_event" drop constraint "community_event_venue_id_foreign";`);

    this.addSql(`alter table "registration" drop constraint "registration_event_id_foreign";`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "inbox_processed_event" cascade;`);

    this.addSql(`drop table if exists "venue" cascade;`);

    this.addSql(`drop table if exists "community_event" cascade;`);

    this.addSql(`drop table if exists "registration" cascade;`);
  }
}
