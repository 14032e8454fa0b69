import { Migration } from '@mikro-orm/migrations';

export class Migration20261202215620_care_open_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "care_open_rollup" ("community_id" varchar(12) not null, "category" varchar(30) not null, "n" int not null, constraint "care_open_rollup_pkey" primary key ("community_id", "category"));`);

    this.addSql(`create table "care_open_rollup_member" ("member_id" varchar(36) not null, "community_id" varchar(12) not null, "category" varchar(30) not null, constraint "care_open_rollup_member_pkey" primary key ("member_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "care_open_rollup" cascade;`);

    this.addSql(`drop table if exists "care_open_rollup_member" cascade;`);
  }

}
