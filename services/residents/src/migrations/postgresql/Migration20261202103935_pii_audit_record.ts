import { Migration } from '@mikro-orm/migrations';

export class Migration20261202103935_pii_audit_record extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "pii_audit_record" ("id" varchar(36) not null, "community_id" varchar(12) not null, "service" varchar(20) not null, "operation" varchar(200) not null, "request_id" varchar(100) not null, "caller_kind" varchar(10) not null, "caller_id" varchar(100) not null, "caller_roles" varchar(300) not null, "caller_department" varchar(100) null, "read_at" timestamptz not null, "subject_count" int not null, "subjects" text not null, constraint "pii_audit_record_pkey" primary key ("id"));`);
    this.addSql(`create index "pii_audit_record_community_idx" on "pii_audit_record" ("community_id", "read_at");`);
    this.addSql(`create index "pii_audit_record_caller_idx" on "pii_audit_record" ("community_id", "caller_id", "read_at");`);

    this.addSql(`drop table if exists "pii_audit_entry" cascade;`);

    this.addSql(`drop table if exists "pii_audit_trail" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "pii_audit_entry" ("id" varchar(36) not null, "community_id" varchar(12) not null, "subject_type" varchar(20) not null, "subject_id" varchar(36) not null, "fields" varchar(200) not null, "operation" varchar(200) not null, "request_id" varchar(100) not null, "caller_kind" varchar(10) not null, "caller_id" varchar(100) not null, "caller_roles" varchar(300) not null, "read_at" timestamptz(6) not null, constraint "pii_audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "pii_audit_entry_caller_idx" on "pii_audit_entry" ("caller_id", "read_at");`);
    this.addSql(`create index "pii_audit_entry_subject_idx" on "pii_audit_entry" ("subject_id", "read_at");`);

    this.addSql(`create table "pii_audit_trail" ("id" varchar(36) not null, "event_id" varchar(36) not null, "community_id" varchar(12) not null, "service" varchar(20) not null, "subject_type" varchar(20) not null, "subject_id" varchar(36) not null, "fields" varchar(200) not null, "operation" varchar(200) not null, "request_id" varchar(100) not null, "caller_kind" varchar(10) not null, "caller_id" varchar(100) not null, "caller_roles" varchar(300) not null, "caller_department" varchar(100) null, "read_at" timestamptz(6) not null, constraint "pii_audit_trail_pkey" primary key ("id"));`);
    this.addSql(`create index "pii_audit_trail_community_id_caller_id_read_at_index" on "pii_audit_trail" ("community_id", "caller_id", "read_at");`);
    this.addSql(`create index "pii_audit_trail_community_id_subject_id_read_at_index" on "pii_audit_trail" ("community_id", "subject_id", "read_at");`);
    this.addSql(`alter table "pii_audit_trail" add constraint "pii_audit_trail_event_id_subject_type_subject_id_unique" unique ("event_id", "subject_type", "subject_id");`);

    this.addSql(`drop table if exists "pii_audit_record" cascade;`);
  }

}
