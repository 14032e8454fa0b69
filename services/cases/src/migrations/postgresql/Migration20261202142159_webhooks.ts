import { Migration } from '@mikro-orm/migrations';

export class Migration20261202142159_webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "webhook_delivery" ("id" varchar(36) not null, "community_id" varchar(12) not null, "subscription_id" varchar(36) not null, "event_id" varchar(36) not null, "event_type" varchar(80) not null, "body" text not null, "status" varchar(12) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "locked_until" timestamptz null, "created_at" timestamptz not null, "delivered_at" timestamptz null, "last_error" varchar(300) null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_subscription_id_created_at_index" on "webhook_delivery" ("subscription_id", "created_at");`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_subscription_id_event_id_unique" unique ("subscription_id", "event_id");`);

    this.addSql(`create table "webhook_delivery_attempt" ("id" varchar(36) not null, "delivery_id" varchar(36) not null, "number" int not null, "attempted_at" timestamptz not null, "duration_ms" int not null, "status_code" int null, "error" varchar(300) null, "succeeded" boolean not null, constraint "webhook_delivery_attempt_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_attempt_delivery_id_number_index" on "webhook_delivery_attempt" ("delivery_id", "number");`);

    this.addSql(`create table "webhook_subscription" ("id" varchar(36) not null, "community_id" varchar(12) not null, "api_key_id" varchar(80) not null, "url" varchar(500) not null, "event_types" jsonb not null, "scopes" jsonb not null, "secret" varchar(100) not null, "description" varchar(200) null, "status" varchar(20) not null default 'PENDING_APPROVAL', "registered_at" timestamptz not null, "approved_at" timestamptz null, "approved_by" varchar(80) null, "disabled_at" timestamptz null, constraint "webhook_subscription_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_subscription_api_key_id_index" on "webhook_subscription" ("api_key_id");`);
    this.addSql(`create index "webhook_subscription_community_id_status_index" on "webhook_subscription" ("community_id", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery_attempt" cascade;`);

    this.addSql(`drop table if exists "webhook_subscription" cascade;`);
  }

}
