import { Migration } from '@mikro-orm/migrations';

export class Migration20261202171014_webhook_key_expiry extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`webhook_subscription\` add column \`key_expires_at\` datetime null;`);
  }

}
