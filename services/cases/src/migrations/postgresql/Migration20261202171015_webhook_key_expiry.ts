import { Migration } from '@mikro-orm/migrations';

export class Migration20261202171015_webhook_key_expiry extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_subscription" add column "key_expires_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_subscription" drop column "key_expires_at";`);
  }

}
