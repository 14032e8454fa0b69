import { Migration } from '@mikro-orm/migrations';

export class Migration20261202101307_resident_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "resident_rollup" ("community_id" varchar(12) not null, "building_id" varchar(36) not null, "gender" varchar(6) not null, "birth_date" varchar(10) not null, "residence_type" varchar(12) not null, "status" varchar(12) not null, "care_mask" int not null, "n" int not null, constraint "resident_rollup_pkey" primary key ("community_id", "building_id", "gender", "birth_date", "residence_type", "status", "care_mask"));`,
    );

    this.addSql(
      `create table "resident_rollup_member" ("member_id" varchar(36) not null, "community_id" varchar(12) not null, "building_id" varchar(36) not null, "gender" varchar(6) not null, "birth_date" varchar(10) not null, "residence_type" varchar(12) not null, "status" varchar(12) not null, "care_mask" int not null, constraint "resident_rollup_member_pkey" primary key ("member_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_rollup" cascade;`);

    this.addSql(`drop table if exists "resident_rollup_member" cascade;`);
  }
}
