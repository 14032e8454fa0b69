import { Migration } from '@mikro-orm/migrations';

export class Migration20261202173338_case_area_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "case_area_rollup" ("community_id" varchar(12) not null, "category" varchar(30) not null, "channel" varchar(20) not null, "status" varchar(20) not null, "department" varchar(30) not null, "opened_month" varchar(7) not null, "n" int not null, "resolved" int not null, "on_time" int not null, "resolution_ms" bigint not null, "rating_excellent" int not null, "rating_good" int not null, "rating_fair" int not null, "rating_poor" int not null, constraint "case_area_rollup_pkey" primary key ("community_id", "category", "channel", "status", "department", "opened_month"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_area_rollup" cascade;`);
  }

}
