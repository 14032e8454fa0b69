import { Migration } from '@mikro-orm/migrations';

export class Migration20261202104018_pii_audit_record extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`pii_audit_entry\`;`);
  }

}
