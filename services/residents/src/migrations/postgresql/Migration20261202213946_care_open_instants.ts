import { Migration } from '@mikro-orm/migrations';

export class Migration20261202213946_care_open_instants extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "pii_audit_record" add column "predicate_category" varchar(30) null, add column "predicate_scope" text null, add column "predicate_from" timestamptz null, add column "predicate_count" int null;`);
    this.addSql(`create index "pii_audit_record_predicate_idx" on "pii_audit_record" ("predicate_category", "read_at");`);

    this.addSql(`alter table "care_record" add column "opened_at" timestamptz null, add column "closed_at" timestamptz null;`);
    // backfill (added to the generated statements): existing records opened and closed at the start of their dates
    // in the community's time zone
    this.addSql(`update "care_record" set "opened_at" = "started_on"::date::timestamp at time zone 'Asia/Shanghai', "closed_at" = "ended_on"::date::timestamp at time zone 'Asia/Shanghai';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "care_record" drop column "opened_at", drop column "closed_at";`);

    this.addSql(`drop index "pii_audit_record_predicate_idx";`);
    this.addSql(`alter table "pii_audit_record" drop column "predicate_category", drop column "predicate_scope", drop column "predicate_from", drop column "predicate_count";`);
  }

}
