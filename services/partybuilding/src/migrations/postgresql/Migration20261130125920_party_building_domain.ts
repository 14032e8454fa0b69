import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125920_party_building_domain extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "party_appraisal" ("id" varchar(36) not null, "community_id" varchar(12) not null, "member_id" varchar(36) not null, "year" int not null, "grade" varchar(30) not null, constraint "party_appraisal_pkey" primary key ("id"));`);
    this.addSql(`alter table "party_appraisal" add constraint "party_appraisal_member_id_year_unique" unique ("member_id", "year");`);

    this.addSql(`create table "party_member_stage_change" ("id" varchar(36) not null, "member_id" varchar(36) not null, "kind" varchar(30) not null, "from_stage" varchar(30) null, "to_stage" varchar(30) not null, "changed_on" varchar(10) not null, "note" varchar(200) null, constraint "party_member_stage_change_pkey" primary key ("id"));`);

    this.addSql(`create table "party_meeting" ("id" varchar(36) not null, "community_id" varchar(12) not null, "organization_id" varchar(36) not null, "type" varchar(30) not null, "held_on" varchar(10) not null, "topic" varchar(200) not null, "speaker" varchar(50) null, "minutes" text null, constraint "party_meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "party_meeting_held_on_index" on "party_meeting" ("held_on");`);

    this.addSql(`create table "party_meeting_attendance" ("id" varchar(36) not null, "meeting_id" varchar(36) not null, "member_id" varchar(36) not null, "status" varchar(10) not null, constraint "party_meeting_attendance_pkey" primary key ("id"));`);
    this.addSql(`create index "party_meeting_attendance_member_id_index" on "party_meeting_attendance" ("member_id");`);
    this.addSql(`alter table "party_meeting_attendance" add constraint "party_meeting_attendance_meeting_id_member_id_unique" unique ("meeting_id", "member_id");`);

    this.addSql(`create table "party_organization_change" ("id" varchar(36) not null, "community_id" varchar(12) not null, "organization_id" varchar(36) not null, "kind" varchar(30) not null, "changed_on" varchar(10) not null, "from_value" varchar(100) null, "to_value" varchar(100) null, "note" varchar(200) null, constraint "party_organization_change_pkey" primary key ("id"));`);

    this.addSql(`create table "party_training_session" ("id" varchar(36) not null, "community_id" varchar(12) not null, "held_on" varchar(10) not null, "title" varchar(200) not null, "location" varchar(200) null, "head_count" int not null, constraint "party_training_session_pkey" primary key ("id"));`);
    this.addSql(`create index "party_training_session_community_id_index" on "party_training_session" ("community_id");`);

    this.addSql(`create table "party_transfer" ("id" varchar(36) not null, "community_id" varchar(12) not null, "direction" varchar(5) not null, "status" varchar(20) not null default 'REQUESTED', "member_id" varchar(36) null, "resident_id" varchar(36) null, "branch_id" varchar(36) null, "external_organization" varchar(200) null, "letter_number" varchar(50) null, "requested_on" varchar(10) not null, "sent_on" varchar(10) null, "received_on" varchar(10) null, "completed_on" varchar(10) null, "case_id" varchar(36) null, constraint "party_transfer_pkey" primary key ("id"));`);
    this.addSql(`create index "party_transfer_community_id_index" on "party_transfer" ("community_id");`);
    this.addSql(`alter table "party_transfer" add constraint "party_transfer_case_id_unique" unique ("case_id");`);

    this.addSql(`create table "party_year_plan" ("id" varchar(36) not null, "community_id" varchar(12) not null, "year" int not null, "recruitment_target" int not null, "training_headcount_target" int not null, constraint "party_year_plan_pkey" primary key ("id"));`);
    this.addSql(`alter table "party_year_plan" add constraint "party_year_plan_community_id_year_unique" unique ("community_id", "year");`);

    this.addSql(`create table "red_flag_period" ("id" varchar(36) not null, "community_id" varchar(12) not null, "period" varchar(7) not null, "year" int not null, "winner_staff_id" varchar(36) null, "winner_department" varchar(30) null, "decided_on" varchar(10) null, "panel" varchar(200) null, constraint "red_flag_period_pkey" primary key ("id"));`);
    this.addSql(`alter table "red_flag_period" add constraint "red_flag_period_community_id_period_unique" unique ("community_id", "period");`);

    this.addSql(`create table "red_flag_nomination" ("id" varchar(36) not null, "period_id" varchar(36) not null, "department" varchar(30) not null, "staff_id" varchar(36) not null, "reason" varchar(300) null, constraint "red_flag_nomination_pkey" primary key ("id"));`);
    this.addSql(`alter table "red_flag_nomination" add constraint "red_flag_nomination_period_id_department_unique" unique ("period_id", "department");`);

    this.addSql(`create table "volunteer_hours_credit" ("id" varchar(36) not null, "community_id" varchar(12) not null, "resident_id" varchar(36) not null, "shift_id" varchar(36) not null, "event_id" varchar(36) null, "minutes" int not null, "served_on" varchar(10) not null, constraint "volunteer_hours_credit_pkey" primary key ("id"));`);
    this.addSql(`create index "volunteer_hours_credit_resident_id_index" on "volunteer_hours_credit" ("resident_id");`);
    this.addSql(`alter table "volunteer_hours_credit" add constraint "volunteer_hours_credit_shift_id_resident_id_unique" unique ("shift_id", "resident_id");`);

    this.addSql(`alter table "party_member_stage_change" add constraint "party_member_stage_change_member_id_foreign" foreign key ("member_id") references "party_member" ("id") on update cascade;`);

    this.addSql(`alter table "party_meeting" add constraint "party_meeting_organization_id_foreign" foreign key ("organization_id") references "party_organization" ("id") on update cascade;`);

    this.addSql(`alter table "party_meeting_attendance" add constraint "party_meeting_attendance_meeting_id_foreign" foreign key ("meeting_id") references "party_meeting" ("id") on update cascade;`);

    this.addSql(`alter table "party_organization_change" add constraint "party_organization_change_organization_id_foreign" foreign key ("organization_id") references "party_organization" ("id") on update cascade;`);

    this.addSql(`alter table "party_transfer" add constraint "party_transfer_branch_id_foreign" foreign key ("branch_id") references "party_organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "red_flag_nomination" add constraint "red_flag_nomination_period_id_foreign" foreign key ("period_id") references "red_flag_period" ("id") on update cascade;`);

    this.addSql(`alter table "party_organization" add column "established_on" varchar(10) null;`);

    this.addSql(`alter table "party_member" add column "group_id" varchar(36) null, add column "status" varchar(30) not null default 'ACTIVE', add column "gender" varchar(10) null, add column "birth_date" varchar(10) null, add column "applied_on" varchar(10) null, add column "activist_on" varchar(10) null, add column "development_target_on" varchar(10) null, add column "probationary_on" varchar(10) null, add column "full_member_on" varchar(10) null, add column "probation_extended_until" varchar(10) null, add column "probation_cancelled_on" varchar(10) null, add column "follow_up_reason" varchar(20) null, add column "follow_up_since" varchar(10) null;`);
    this.addSql(`alter table "party_member" add constraint "party_member_group_id_foreign" foreign key ("group_id") references "party_organization" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "party_meeting_attendance" drop constraint "party_meeting_attendance_meeting_id_foreign";`);

    this.addSql(`alter table "red_flag_nomination" drop constraint "red_flag_nomination_period_id_foreign";`);

    this.addSql(`drop table if exists "party_appraisal" cascade;`);

    this.addSql(`drop table if exists "party_member_stage_change" cascade;`);

    this.addSql(`drop table if exists "party_meeting" cascade;`);

    this.addSql(`drop table if exists "party_meeting_attendance" cascade;`);

    this.addSql(`drop table if exists "party_organization_change" cascade;`);

    this.addSql(`drop table if exists "party_training_session" cascade;`);

    this.addSql(`drop table if exists "party_transfer" cascade;`);

    this.addSql(`drop table if exists "party_year_plan" cascade;`);

    this.addSql(`drop table if exists "red_flag_period" cascade;`);

    this.addSql(`drop table if exists "red_flag_nomination" cascade;`);

    this.addSql(`drop table if exists "volunteer_hours_credit" cascade;`);

    this.addSql(`alter table "party_member" drop constraint "party_member_group_id_foreign";`);

    this.addSql(`alter table "party_member" drop column "group_id", drop column "status", drop column "gender", drop column "birth_date", drop column "applied_on", drop column "activist_on", drop column "development_target_on", drop column "probationary_on", drop column "full_member_on", drop column "probation_extended_until", drop column "probation_cancelled_on", drop column "follow_up_reason", drop column "follow_up_since";`);

    this.addSql(`alter table "party_organization" drop column "established_on";`);
  }

}
