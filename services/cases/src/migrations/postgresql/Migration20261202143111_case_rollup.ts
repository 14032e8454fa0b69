import { Migration } from '@mikro-orm/migrations';

export class Migration20261202143111_case_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "case_rollup" ("community_id" varchar(12) not null, "category" varchar(30) not null, "channel" varchar(20) not null, "status" varchar(20) not null, "grid_id" varchar(36) not null, "department" varchar(30) not null, "opened_month" varchar(7) not null, "n" int not null, "resolved" int not null, "on_time" int not null, "resolution_ms" bigint not null, "rating_excellent" int not null, "rating_good" int not null, "rating_fair" int not null, "rating_poor" int not null, constraint "case_rollup_pkey" primary key ("community_id", "category", "channel", "status", "grid_id", "department", "opened_month"));`);

    this.addSql(`create table "case_rollup_member" ("member_id" varchar(36) not null, "community_id" varchar(12) not null, "category" varchar(30) not null, "channel" varchar(20) not null, "status" varchar(20) not null, "grid_id" varchar(36) not null, "department" varchar(30) not null, "opened_month" varchar(7) not null, "resolved" int not null, "on_time" int not null, "resolution_ms" bigint not null, "rating_excellent" int not null, "rating_good" int not null, "rating_fair" int not null, "rating_poor" int not null, constraint "case_rollup_member_pkey" primary key ("member_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_rollup" cascade;`);

    this.addSql(`drop table if exists "case_rollup_member" cascade;`);
  }

}
