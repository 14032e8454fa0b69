import { Migration } from '@mikro-orm/migrations';

export class Migration20261202213945_care_open_instants extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`pii_audit_record\` add column \`predicate_category\` text null;`);
    this.addSql(`alter table \`pii_audit_record\` add column \`predicate_scope\` text null;`);
    this.addSql(`alter table \`pii_audit_record\` add column \`predicate_from\` datetime null;`);
    this.addSql(`alter table \`pii_audit_record\` add column \`predicate_count\` integer null;`);
    this.addSql(`create index \`pii_audit_record_predicate_idx\` on \`pii_audit_record\` (\`predicate_category\`, \`read_at\`);`);

    this.addSql(`alter table \`care_record\` add column \`opened_at\` datetime null;`);
    this.addSql(`alter table \`care_record\` add column \`closed_at\` datetime null;`);
    // backfill (added to the generated statements): existing records opened and closed at the start of their
    // dates in Asia/Shanghai (UTC+8), as milliseconds like every datetime MikroORM writes to SQLite
    this.addSql(`update \`care_record\` set \`opened_at\` = (strftime('%s', \`started_on\`) - 28800) * 1000, \`closed_at\` = case when \`ended_on\` is null then null else (strftime('%s', \`ended_on\`) - 28800) * 1000 end;`);
  }

}
