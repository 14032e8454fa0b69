import { Migration } from '@mikro-orm/migrations';

export class Migration20261202142158_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`webhook_delivery\` (\`id\` text not null, \`community_id\` text not null, \`subscription_id\` text not null, \`event_id\` text not null, \`event_type\` text not null, \`body\` text not null, \`status\` text not null default 'PENDING', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime null, \`locked_until\` datetime null, \`created_at\` datetime not null, \`delivered_at\` datetime null, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_delivery_subscription_id_created_at_index\` on \`webhook_delivery\` (\`subscription_id\`, \`created_at\`);`);
    this.addSql(`create index \`webhook_delivery_status_next_attempt_at_index\` on \`webhook_delivery\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`webhook_delivery_subscription_id_event_id_unique\` on \`webhook_delivery\` (\`subscription_id\`, \`event_id\`);`);

    this.addSql(`create table \`webhook_delivery_attempt\` (\`id\` text not null, \`delivery_id\` text not null, \`number\` integer not null, \`attempted_at\` datetime not null, \`duration_ms\` integer not null, \`status_code\` integer null, \`error\` text null, \`succeeded\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_delivery_attempt_delivery_id_number_index\` on \`webhook_delivery_attempt\` (\`delivery_id\`, \`number\`);`);

    this.addSql(`create table \`webhook_subscription\` (\`id\` text not null, \`community_id\` text not null, \`api_key_id\` text not null, \`url\` text not null, \`event_types\` json not null, \`scopes\` json not null, \`secret\` text not null, \`description\` text null, \`status\` text not null default 'PENDING_APPROVAL', \`registered_at\` datetime not null, \`approved_at\` datetime null, \`approved_by\` text null, \`disabled_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_subscription_api_key_id_index\` on \`webhook_subscription\` (\`api_key_id\`);`);
    this.addSql(`create index \`webhook_subscription_community_id_status_index\` on \`webhook_subscription\` (\`community_id\`, \`status\`);`);
  }

}
