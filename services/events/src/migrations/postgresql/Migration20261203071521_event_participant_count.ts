import { Migration } from '@mikro-orm/migrations';

export class Migration20261203071521_event_participant_count extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "event_participant_count" ("grouping" varchar(60) not null, "scope" varchar(12) not null, "type" varchar(30) not null, "month" varchar(7) not null, "venue_id" varchar(36) not null, "organiser_kind" varchar(20) not null, "organiser_department" varchar(30) not null, "organiser_team_id" varchar(36) not null, "organiser_organization_id" varchar(36) not null, "audience" varchar(30) not null, "n" int not null, "known" int not null, "elderly" int not null, constraint "event_participant_count_pkey" primary key ("grouping", "scope", "type", "month", "venue_id", "organiser_kind", "organiser_department", "organiser_team_id", "organiser_organization_id", "audience"));`);

    this.addSql(`create index "event_attendance_resident_id_index" on "event_attendance" ("resident_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_participant_count" cascade;`);

    this.addSql(`drop index "event_attendance_resident_id_index";`);
  }

}
