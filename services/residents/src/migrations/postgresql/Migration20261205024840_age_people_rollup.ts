import { Migration } from '@mikro-orm/migrations';

export class Migration20261205024840_age_people_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "resident_age_people_rollup" ("community_id" varchar(12) not null, "birth_year" varchar(4) not null, "gender" varchar(6) not null, "residence_type" varchar(12) not null, "status" varchar(12) not null, "n" int not null, constraint "resident_age_people_rollup_pkey" primary key ("community_id", "birth_year", "gender", "residence_type", "status"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_age_people_rollup" cascade;`);
  }

}
