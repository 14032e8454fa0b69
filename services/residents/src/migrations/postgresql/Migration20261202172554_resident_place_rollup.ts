import { Migration } from '@mikro-orm/migrations';

export class Migration20261202172554_resident_place_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "resident_place_rollup" ("community_id" varchar(12) not null, "building_id" varchar(36) not null, "gender" varchar(6) not null, "residence_type" varchar(12) not null, "status" varchar(12) not null, "care_mask" int not null, "n" int not null, constraint "resident_place_rollup_pkey" primary key ("community_id", "building_id", "gender", "residence_type", "status", "care_mask"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_place_rollup" cascade;`);
  }

}
