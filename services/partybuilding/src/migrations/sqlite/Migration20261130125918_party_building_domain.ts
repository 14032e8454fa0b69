import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125918_party_building_domain extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`party_appraisal\` (\`id\` text not null, \`community_id\` text not null, \`member_id\` text not null, \`year\` integer not null, \`grade\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`party_appraisal_member_id_year_unique\` on \`party_appraisal\` (\`member_id\`, \`year\`);`);

    this.addSql(`create table \`party_member_stage_change\` (\`id\` text not null, \`member_id\` text not null, \`kind\` text not null, \`from_stage\` text null, \`to_stage\` text not null, \`changed_on\` text not null, \`note\` text null, constraint \`party_member_stage_change_member_id_foreign\` foreign key(\`member_id\`) references \`party_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`party_member_stage_change_member_id_index\` on \`party_member_stage_change\` (\`member_id\`);`);

    this.addSql(`create table \`party_meeting\` (\`id\` text not null, \`community_id\` text not null, \`organization_id\` text not null, \`type\` text not null, \`held_on\` text not null, \`topic\` text not null, \`speaker\` text null, \`minutes\` text null, constraint \`party_meeting_organization_id_foreign\` foreign key(\`organization_id\`) references \`party_organization\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`party_meeting_organization_id_index\` on \`party_meeting\` (\`organization_id\`);`);
    this.addSql(`create index \`party_meeting_held_on_index\` on \`party_meeting\` (\`held_on\`);`);

    this.addSql(`create table \`party_meeting_attendance\` (\`id\` text not null, \`meeting_id\` text not null, \`member_id\` text not null, \`status\` text not null, constraint \`party_meeting_attendance_meeting_id_foreign\` foreign key(\`meeting_id\`) references \`party_meeting\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`party_meeting_attendance_meeting_id_index\` on \`party_meeting_attendance\` (\`meeting_id\`);`);
    this.addSql(`create index \`party_meeting_attendance_member_id_index\` on \`party_meeting_attendance\` (\`member_id\`);`);
    this.addSql(`create unique index \`party_meeting_attendance_meeting_id_member_id_unique\` on \`party_meeting_attendance\` (\`meeting_id\`, \`member_id\`);`);

    this.addSql(`create table \`party_organization_change\` (\`id\` text not null, \`community_id\` text not null, \`organization_id\` text not null, \`kind\` text not null, \`changed_on\` text not null, \`from_value\` text null, \`to_value\` text null, \`note\` text null, constraint \`party_organization_change_organization_id_foreign\` foreign key(\`organization_id\`) references \`party_organization\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`party_organization_change_organization_id_index\` on \`party_organization_change\` (\`organization_id\`);`);

    this.addSql(`create table \`party_training_session\` (\`id\` text not null, \`community_id\` text not null, \`held_on\` text not null, \`title\` text not null, \`location\` text null, \`head_count\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`party_training_session_community_id_index\` on \`party_training_session\` (\`community_id\`);`);

    this.addSql(`create table \`party_transfer\` (\`id\` text not null, \`community_id\` text not null, \`direction\` text not null, \`status\` text not null default 'REQUESTED', \`member_id\` text null, \`resident_id\` text null, \`branch_id\` text null, \`external_organization\` text null, \`letter_number\` text null, \`requested_on\` text not null, \`sent_on\` text null, \`received_on\` text null, \`completed_on\` text null, \`case_id\` text null, constraint \`party_transfer_branch_id_foreign\` foreign key(\`branch_id\`) references \`party_organization\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`party_transfer_community_id_index\` on \`party_transfer\` (\`community_id\`);`);
    this.addSql(`create index \`party_transfer_branch_id_index\` on \`party_transfer\` (\`branch_id\`);`);
    this.addSql(`create unique index \`party_transfer_case_id_unique\` on \`party_transfer\` (\`case_id\`);`);

    this.addSql(`create table \`party_year_plan\` (\`id\` text not null, \`community_id\` text not null, \`year\` integer not null, \`recruitment_target\` integer not null, \`training_headcount_target\` integer not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`party_year_plan_community_id_year_unique\` on \`party_year_plan\` (\`community_id\`, \`year\`);`);

    this.addSql(`create table \`red_flag_period\` (\`id\` text not null, \`community_id\` text not null, \`period\` text not null, \`year\` integer not null, \`winner_staff_id\` text null, \`winner_department\` text null, \`decided_on\` text null, \`panel\` text null, primary key (\`id\`));`);
    this.addSql(`create unique index \`red_flag_period_community_id_period_unique\` on \`red_flag_period\` (\`community_id\`, \`period\`);`);

    this.addSql(`create table \`red_flag_nomination\` (\`id\` text not null, \`period_id\` text not null, \`department\` text not null, \`staff_id\` text not null, \`reason\` text null, constraint \`red_flag_nomination_period_id_foreign\` foreign key(\`period_id\`) references \`red_flag_period\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`red_flag_nomination_period_id_index\` on \`red_flag_nomination\` (\`period_id\`);`);
    this.addSql(`create unique index \`red_flag_nomination_period_id_department_unique\` on \`red_flag_nomination\` (\`period_id\`, \`department\`);`);

    this.addSql(`create table \`volunteer_hours_credit\` (\`id\` text not null, \`community_id\` text not null, \`resident_id\` text not null, \`shift_id\` text not null, \`event_id\` text null, \`minutes\` integer not null, \`served_on\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`volunteer_hours_credit_resident_id_index\` on \`volunteer_hours_credit\` (\`resident_id\`);`);
    this.addSql(`create unique index \`volunteer_hours_credit_shift_id_resident_id_unique\` on \`volunteer_hours_credit\` (\`shift_id\`, \`resident_id\`);`);

    this.addSql(`alter table \`party_organization\` add column \`established_on\` text null;`);

    this.addSql(`alter table \`party_member\` add column \`group_id\` text null constraint \`party_member_group_id_foreign\` references \`party_organization\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`party_member\` add column \`status\` text not null default 'ACTIVE';`);
    this.addSql(`alter table \`party_member\` add column \`gender\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`birth_date\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`applied_on\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`activist_on\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`development_target_on\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`probationary_on\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`full_member_on\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`probation_extended_until\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`probation_cancelled_on\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`follow_up_reason\` text null;`);
    this.addSql(`alter table \`party_member\` add column \`follow_up_since\` text null;`);
    this.addSql(`create index \`party_member_group_id_index\` on \`party_member\` (\`group_id\`);`);
  }

}
