import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000440_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "grid" ("id" varchar(36) not null, "community_id" varchar(12) not null, "code" varchar(40) not null, "name" varchar(100) not null, "grid_worker_staff_id" varchar(36) null, constraint "grid_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "grid_community_id_index" on "grid" ("community_id");`);
    this.addSql(`alter table "grid" add constraint "grid_code_unique" unique ("code");`);

    this.addSql(
      `create table "building" ("id" varchar(36) not null, "community_id" varchar(12) not null, "grid_id" varchar(36) not null, "name" varchar(100) not null, "address" varchar(200) not null, "leader_resident_id" varchar(36) null, constraint "building_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "building_community_id_index" on "building" ("community_id");`);

    this.addSql(
      `create table "household" ("id" varchar(36) not null, "community_id" varchar(12) not null, "building_id" varchar(36) not null, "unit" varchar(20) not null, "room" varchar(20) not null, "address" varchar(200) not null, "housing" varchar(10) not null default 'OWNED', "head_resident_id" varchar(36) null, "landlord_resident_id" varchar(36) null, constraint "household_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "household_community_id_index" on "household" ("community_id");`);
    this.addSql(`create index "household_address_index" on "household" ("address");`);

    this.addSql(
      `create table "outbox_message" ("id" varchar(36) not null, "subject" varchar(200) not null, "payload" text not null, "created_at" timestamptz not null, "sent_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, constraint "outbox_message_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_pending_idx" on "outbox_message" ("sent_at", "id");`);

    this.addSql(
      `create table "inbox_processed_event" ("consumer" varchar(100) not null, "event_id" varchar(36) not null, "processed_at" timestamptz not null, constraint "inbox_processed_event_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "resident" ("id" varchar(36) not null, "community_id" varchar(12) not null, "name" varchar(50) not null, "id_number" varchar(18) not null, "gender" varchar(6) null, "birth_date" varchar(10) null, "phone" varchar(20) null, "household_id" varchar(36) null, "relation_to_head" varchar(12) not null default 'OTHER', "residence_type" varchar(12) not null default 'REGISTERED', "residence_permit_issued_on" varchar(10) null, "residence_permit_expires_on" varchar(10) null, "status" varchar(12) not null default 'ACTIVE', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "resident_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "resident_name_index" on "resident" ("name");`);
    this.addSql(`alter table "resident" add constraint "resident_id_number_unique" unique ("id_number");`);
    this.addSql(`create index "resident_community_id_status_index" on "resident" ("community_id", "status");`);

    this.addSql(
      `alter table "building" add constraint "building_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "household" add constraint "household_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "resident" add constraint "resident_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "building" drop constraint "building_grid_id_foreign";`);

    this.addSql(`alter table "household" drop constraint "household_building_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_household_id_foreign";`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "building" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop table if exists "inbox_processed_event" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);
  }
}
