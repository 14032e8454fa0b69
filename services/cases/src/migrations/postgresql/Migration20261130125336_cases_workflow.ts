import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125336_cases_workflow extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "case_evaluation" ("id" varchar(36) not null, "community_id" varchar(12) not null, "case_id" varchar(36) not null, "grade" varchar(10) not null, "reason" text null, "valid" boolean not null, "invalid_reason" varchar(200) null, "rater_kind" varchar(10) not null, "rater_resident_id" varchar(36) null, "staff_id" varchar(36) null, "evaluated_at" timestamptz not null, constraint "case_evaluation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "case_evaluation_case_id_index" on "case_evaluation" ("case_id");`);
    this.addSql(
      `create index "case_evaluation_staff_id_evaluated_at_index" on "case_evaluation" ("staff_id", "evaluated_at");`,
    );

    this.addSql(
      `create table "case_timeline_entry" ("id" varchar(36) not null, "community_id" varchar(12) not null, "case_id" varchar(36) not null, "action" varchar(30) not null, "from_status" varchar(20) null, "to_status" varchar(20) not null, "actor_kind" varchar(10) not null, "actor_id" varchar(80) not null, "note" text null, "at" timestamptz not null, constraint "case_timeline_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "case_timeline_entry_case_id_at_index" on "case_timeline_entry" ("case_id", "at");`);

    this.addSql(
      `create table "mediation" ("id" varchar(36) not null, "community_id" varchar(12) not null, "case_id" varchar(36) not null, "mediator_staff_id" varchar(80) not null, "outcome" varchar(20) not null default 'PENDING', "agreement" text null, "started_at" timestamptz not null, "concluded_at" timestamptz null, constraint "mediation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "mediation_case_id_index" on "mediation" ("case_id");`);

    this.addSql(
      `create table "mediation_party" ("id" varchar(36) not null, "mediation_id" varchar(36) not null, "resident_id" varchar(36) null, "description" varchar(200) null, constraint "mediation_party_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "mediation_party_mediation_id_index" on "mediation_party" ("mediation_id");`);

    this.addSql(
      `create table "mediation_session" ("id" varchar(36) not null, "mediation_id" varchar(36) not null, "held_at" timestamptz not null, "notes" text not null, constraint "mediation_session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "mediation_session_mediation_id_index" on "mediation_session" ("mediation_id");`);

    this.addSql(
      `create table "proactive_task" ("id" varchar(36) not null, "community_id" varchar(12) not null, "rule" varchar(40) not null, "resident_id" varchar(36) not null, "grid_id" varchar(36) null, "dedup_key" varchar(200) not null, "reason" varchar(200) not null, "due_on" varchar(10) not null, "status" varchar(10) not null default 'OPEN', "created_at" timestamptz not null, "closed_at" timestamptz null, "closed_by" varchar(30) null, "closing_ref" varchar(36) null, constraint "proactive_task_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "proactive_task" add constraint "proactive_task_dedup_key_unique" unique ("dedup_key");`);
    this.addSql(
      `create index "proactive_task_resident_id_status_index" on "proactive_task" ("resident_id", "status");`,
    );

    this.addSql(
      `create table "visit" ("id" varchar(36) not null, "community_id" varchar(12) not null, "staff_id" varchar(80) not null, "household_id" varchar(36) null, "resident_id" varchar(36) null, "case_id" varchar(36) null, "visited_at" timestamptz not null, "notes" text not null, "follow_ups" text null, constraint "visit_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "visit_staff_id_index" on "visit" ("staff_id");`);
    this.addSql(`create index "visit_household_id_index" on "visit" ("household_id");`);
    this.addSql(`create index "visit_resident_id_index" on "visit" ("resident_id");`);

    this.addSql(
      `alter table "case_record" add column "work_type" varchar(10) not null default 'DAILY', add column "acknowledge_due_at" timestamptz not null, add column "resolve_due_at" timestamptz not null, add column "acknowledged_at" timestamptz null, add column "resolved_at" timestamptz null, add column "resolution_note" text null, add column "feedback_method" varchar(50) null, add column "feedback_at" timestamptz null, add column "closed_at" timestamptz null, add column "closing_reason" text null, add column "duplicate_of_id" varchar(36) null, add column "escalation_level" varchar(10) null, add column "escalation_reason" text null, add column "escalated_at" timestamptz null, add column "escalation_acknowledged_at" timestamptz null, add column "acknowledge_overdue_at" timestamptz null, add column "resolve_overdue_at" timestamptz null;`,
    );
    this.addSql(`create index "case_record_assignee_staff_id_index" on "case_record" ("assignee_staff_id");`);

    this.addSql(`alter table "grid_projection" add column "grid_worker_staff_id" varchar(36) null;`);

    this.addSql(
      `alter table "resident_projection" add column "residence_type" varchar(10) null, add column "care_categories" varchar(300) not null default '', add column "last_contact_at" timestamptz null, add column "known_since" timestamptz null;`,
    );
    this.addSql(`create index "resident_projection_household_id_index" on "resident_projection" ("household_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_evaluation" cascade;`);

    this.addSql(`drop table if exists "case_timeline_entry" cascade;`);

    this.addSql(`drop table if exists "mediation" cascade;`);

    this.addSql(`drop table if exists "mediation_party" cascade;`);

    this.addSql(`drop table if exists "mediation_session" cascade;`);

    this.addSql(`drop table if exists "proactive_task" cascade;`);

    this.addSql(`drop table if exists "visit" cascade;`);

    this.addSql(`drop index "case_record_assignee_staff_id_index";`);
    this.addSql(
      `alter table "case_record" drop column "work_type", drop column "acknowledge_due_at", drop column "resolve_due_at", drop column "acknowledged_at", drop column "resolved_at", drop column "resolution_note", drop column "feedback_method", drop column "feedback_at", drop column "closed_at", drop column "closing_reason", drop column "duplicate_of_id", drop column "escalation_level", drop column "escalation_reason", drop column "escalated_at", drop column "escalation_acknowledged_at", drop column "acknowledge_overdue_at", drop column "resolve_overdue_at";`,
    );

    this.addSql(`alter table "grid_projection" drop column "grid_worker_staff_id";`);

    this.addSql(`drop index "resident_projection_household_id_index";`);
    this.addSql(
      `alter table "resident_projection" drop column "residence_type", drop column "care_categories", drop column "last_contact_at", drop column "known_since";`,
    );
  }
}
