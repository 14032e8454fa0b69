import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125336_cases_workflow extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`case_evaluation\` (\`id\` text not null, \`community_id\` text not null, \`case_id\` text not null, \`grade\` text not null, \`reason\` text null, \`valid\` integer not null, \`invalid_reason\` text null, \`rater_kind\` text not null, \`rater_resident_id\` text null, \`staff_id\` text null, \`evaluated_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`case_evaluation_case_id_index\` on \`case_evaluation\` (\`case_id\`);`);
    this.addSql(
      `create index \`case_evaluation_staff_id_evaluated_at_index\` on \`case_evaluation\` (\`staff_id\`, \`evaluated_at\`);`,
    );

    this.addSql(
      `create table \`case_timeline_entry\` (\`id\` text not null, \`community_id\` text not null, \`case_id\` text not null, \`action\` text not null, \`from_status\` text null, \`to_status\` text not null, \`actor_kind\` text not null, \`actor_id\` text not null, \`note\` text null, \`at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`case_timeline_entry_case_id_at_index\` on \`case_timeline_entry\` (\`case_id\`, \`at\`);`,
    );

    this.addSql(
      `create table \`mediation\` (\`id\` text not null, \`community_id\` text not null, \`case_id\` text not null, \`mediator_staff_id\` text not null, \`outcome\` text not null default 'PENDING', \`agreement\` text null, \`started_at\` datetime not null, \`concluded_at\` datetime null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`mediation_case_id_index\` on \`mediation\` (\`case_id\`);`);

    this.addSql(
      `create table \`mediation_party\` (\`id\` text not null, \`mediation_id\` text not null, \`resident_id\` text null, \`description\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`mediation_party_mediation_id_index\` on \`mediation_party\` (\`mediation_id\`);`);

    this.addSql(
      `create table \`mediation_session\` (\`id\` text not null, \`mediation_id\` text not null, \`held_at\` datetime not null, \`notes\` text not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`mediation_session_mediation_id_index\` on \`mediation_session\` (\`mediation_id\`);`);

    this.addSql(
      `create table \`proactive_task\` (\`id\` text not null, \`community_id\` text not null, \`rule\` text not null, \`resident_id\` text not null, \`grid_id\` text null, \`dedup_key\` text not null, \`reason\` text not null, \`due_on\` text not null, \`status\` text not null default 'OPEN', \`created_at\` datetime not null, \`closed_at\` datetime null, \`closed_by\` text null, \`closing_ref\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`proactive_task_dedup_key_unique\` on \`proactive_task\` (\`dedup_key\`);`);
    this.addSql(
      `create index \`proactive_task_resident_id_status_index\` on \`proactive_task\` (\`resident_id\`, \`status\`);`,
    );

    this.addSql(
      `create table \`visit\` (\`id\` text not null, \`community_id\` text not null, \`staff_id\` text not null, \`household_id\` text null, \`resident_id\` text null, \`case_id\` text null, \`visited_at\` datetime not null, \`notes\` text not null, \`follow_ups\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`visit_staff_id_index\` on \`visit\` (\`staff_id\`);`);
    this.addSql(`create index \`visit_household_id_index\` on \`visit\` (\`household_id\`);`);
    this.addSql(`create index \`visit_resident_id_index\` on \`visit\` (\`resident_id\`);`);

    this.addSql(`alter table \`case_record\` add column \`work_type\` text not null default 'DAILY';`);
    this.addSql(`alter table \`case_record\` add column \`acknowledge_due_at\` datetime not null;`);
    this.addSql(`alter table \`case_record\` add column \`resolve_due_at\` datetime not null;`);
    this.addSql(`alter table \`case_record\` add column \`acknowledged_at\` datetime null;`);
    this.addSql(`alter table \`case_record\` add column \`resolved_at\` datetime null;`);
    this.addSql(`alter table \`case_record\` add column \`resolution_note\` text null;`);
    this.addSql(`alter table \`case_record\` add column \`feedback_method\` text null;`);
    this.addSql(`alter table \`case_record\` add column \`feedback_at\` datetime null;`);
    this.addSql(`alter table \`case_record\` add column \`closed_at\` datetime null;`);
    this.addSql(`alter table \`case_record\` add column \`closing_reason\` text null;`);
    this.addSql(`alter table \`case_record\` add column \`duplicate_of_id\` text null;`);
    this.addSql(`alter table \`case_record\` add column \`escalation_level\` text null;`);
    this.addSql(`alter table \`case_record\` add column \`escalation_reason\` text null;`);
    this.addSql(`alter table \`case_record\` add column \`escalated_at\` datetime null;`);
    this.addSql(`alter table \`case_record\` add column \`escalation_acknowledged_at\` datetime null;`);
    this.addSql(`alter table \`case_record\` add column \`acknowledge_overdue_at\` datetime null;`);
    this.addSql(`alter table \`case_record\` add column \`resolve_overdue_at\` datetime null;`);
    this.addSql(`create index \`case_record_assignee_staff_id_index\` on \`case_record\` (\`assignee_staff_id\`);`);

    this.addSql(`alter table \`grid_projection\` add column \`grid_worker_staff_id\` text null;`);

    this.addSql(`alter table \`resident_projection\` add column \`residence_type\` text null;`);
    this.addSql(`alter table \`resident_projection\` add column \`care_categories\` text not null default '';`);
    this.addSql(`alter table \`resident_projection\` add column \`last_contact_at\` datetime null;`);
    this.addSql(`alter table \`resident_projection\` add column \`known_since\` datetime null;`);
    this.addSql(
      `create index \`resident_projection_household_id_index\` on \`resident_projection\` (\`household_id\`);`,
    );
  }
}
