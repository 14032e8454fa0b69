import { Migration } from '@mikro-orm/migrations';

export class Migration20261123003724_access_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "pii_audit_entry" ("id" varchar(36) not null, "community_id" varchar(12) not null, "subject_type" varchar(20) not null, "subject_id" varchar(36) not null, "fields" varchar(200) not null, "operation" varchar(200) not null, "request_id" varchar(100) not null, "caller_kind" varchar(10) not null, "caller_id" varchar(100) not null, "caller_roles" varchar(300) not null, "read_at" timestamptz not null, constraint "pii_audit_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "pii_audit_entry_subject_idx" on "pii_audit_entry" ("subject_id", "read_at");`);
    this.addSql(`create index "pii_audit_entry_caller_idx" on "pii_audit_entry" ("caller_id", "read_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pii_audit_entry" cascade;`);
  }
}
