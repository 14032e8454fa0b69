import { Migration } from '@mikro-orm/migrations';

export class Migration20261202102542_scheduled_task_lease extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "scheduled_task_lease" ("task" varchar(100) not null, "period_start" bigint not null, "holder" varchar(200) not null, constraint "scheduled_task_lease_pkey" primary key ("task"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scheduled_task_lease" cascade;`);
  }

}
