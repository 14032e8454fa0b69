import { Migration } from '@mikro-orm/migrations';

export class Migration20261206031459_audit_request_key extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "pii_audit_record" add column "request_key" varchar(36) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pii_audit_record" drop column "request_key";`);
  }

}
