import { Migration } from '@mikro-orm/migrations';

export class Migration20261202171035_event_registration_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "event_registration_rollup" ("event_id" varchar(36) not null, "n" int not null, "seats" int not null, "attended" int not null, "no_shows" int not null, constraint "event_registration_rollup_pkey" primary key ("event_id"));`);

    this.addSql(`create table "event_registration_rollup_member" ("member_id" varchar(36) not null, "event_id" varchar(36) not null, "seats" int not null, "attended" int not null, "no_shows" int not null, constraint "event_registration_rollup_member_pkey" primary key ("member_id"));`);

    this.addSql(`drop index "registration_event_id_status_index";`);

    this.addSql(`create index "registration_event_id_status_resident_id_index" on "registration" ("event_id", "status", "resident_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_registration_rollup" cascade;`);

    this.addSql(`drop table if exists "event_registration_rollup_member" cascade;`);

    this.addSql(`drop index "registration_event_id_status_resident_id_index";`);

    this.addSql(`create index "registration_event_id_status_index" on "registration" ("event_id", "status");`);
  }

}
