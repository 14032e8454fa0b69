import { Migration } from '@mikro-orm/migrations';

export class Migration20261206004819_pii_audit_caller_community extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`pii_audit_record\` add column \`caller_community_id\` text null;`);
    // the rows written before: their community was the caller's claim
    this.addSql(`update \`pii_audit_record\` set \`caller_community_id\` = \`community_id\`;`);
  }

}
