import { Migration } from '@mikro-orm/migrations';

export class Migration20261202213310_resident_count_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "resident_count_rollup" ("community_id" varchar(12) not null, "gender" varchar(6) not null, "residence_type" varchar(12) not null, "status" varchar(12) not null, "n" int not null, constraint "resident_count_rollup_pkey" primary key ("community_id", "gender", "residence_type", "status"));`);

    this.addSql(`create index "resident_place_rollup_building_id_index" on "resident_place_rollup" ("building_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_count_rollup" cascade;`);

    this.addSql(`drop index "resident_place_rollup_building_id_index";`);
  }

}
