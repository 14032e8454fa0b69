import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125846_api_keys_audit_trail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_key" ("id" varchar(32) not null, "community_id" varchar(12) not null, "name" varchar(100) not null, "scopes" varchar(500) not null, "secret_hash" varchar(64) not null, "issued_at" timestamptz not null, "issued_by" varchar(100) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_by" varchar(100) null, constraint "api_key_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "api_key_community_id_index" on "api_key" ("community_id");`);

    this.addSql(
      `create table "pii_audit_trail" ("id" varchar(36) not null, "event_id" varchar(36) not null, "community_id" varchar(12) not null, "service" varchar(20) not null, "subject_type" varchar(20) not null, "subject_id" varchar(36) not null, "fields" varchar(200) not null, "operation" varchar(200) not null, "request_id" varchar(100) not null, "caller_kind" varchar(10) not null, "caller_id" varchar(100) not null, "caller_roles" varchar(300) not null, "caller_department" varchar(100) null, "read_at" timestamptz not null, constraint "pii_audit_trail_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "pii_audit_trail_community_id_caller_id_read_at_index" on "pii_audit_trail" ("community_id", "caller_id", "read_at");`,
    );
    this.addSql(
      `create index "pii_audit_trail_community_id_subject_id_read_at_index" on "pii_audit_trail" ("community_id", "subject_id", "read_at");`,
    );
    this.addSql(
      `alter table "pii_audit_trail" add constraint "pii_audit_trail_event_id_subject_type_subject_id_unique" unique ("event_id", "subject_type", "subject_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop table if exists "pii_audit_trail" cascade;`);
  }
}
