import { Migration } from '@mikro-orm/migrations';

export class Migration20261203042145_event_attendance extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "event_attendance" ("member_id" varchar(36) not null, "event_id" varchar(36) not null, "community_id" varchar(12) not null, "type" varchar(30) not null, "month" varchar(7) not null, "starts_at" timestamptz not null, "venue_id" varchar(36) null, "organiser_kind" varchar(20) not null, "organiser_department" varchar(30) null, "organiser_team_id" varchar(36) null, "organiser_organization_id" varchar(36) null, "audience" varchar(30) not null, "resident_id" varchar(36) not null, "known" smallint not null, "elderly" smallint not null, constraint "event_attendance_pkey" primary key ("member_id"));`);
    this.addSql(`create index "event_attendance_audience_resident_id_community_id_2ab01_index" on "event_attendance" ("audience", "resident_id", "community_id", "starts_at", "type", "known", "elderly");`);
    this.addSql(`create index "event_attendance_month_resident_id_community_id_st_638f0_index" on "event_attendance" ("month", "resident_id", "community_id", "starts_at", "type", "known", "elderly");`);
    this.addSql(`create index "event_attendance_type_resident_id_community_id_sta_8950d_index" on "event_attendance" ("type", "resident_id", "community_id", "starts_at", "known", "elderly");`);

    this.addSql(`create table "event_attendance_count" ("event_id" varchar(36) not null, "n" int not null, constraint "event_attendance_count_pkey" primary key ("event_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_attendance" cascade;`);

    this.addSql(`drop table if exists "event_attendance_count" cascade;`);
  }

}
