import { Migration } from '@mikro-orm/migrations';

/**
 * The building's grid and the birth year join the resident rollup's key (`grid_id`, `birth_year`: they follow from
 * the building and the birth date, so the rollup's groups are the same), summed into `resident_age_rollup`
 * (statistics by age without a building). The rollup's tables are emptied here and recounted at the next start
 * (`ensureRollups`: an empty member table is counted from the resident rows, which refills the coarser tables too).
 */
export class Migration20261204232030_age_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "resident_age_rollup" ("community_id" varchar(12) not null, "grid_id" varchar(36) not null, "birth_year" varchar(4) not null, "gender" varchar(6) not null, "residence_type" varchar(12) not null, "status" varchar(12) not null, "care_mask" int not null, "n" int not null, constraint "resident_age_rollup_pkey" primary key ("community_id", "grid_id", "birth_year", "gender", "residence_type", "status", "care_mask"));`,
    );

    this.addSql(`truncate table "resident_rollup", "resident_rollup_member";`);

    this.addSql(`alter table "resident_rollup" drop constraint "resident_rollup_pkey";`);

    this.addSql(
      `alter table "resident_rollup" add column "grid_id" varchar(36) not null, add column "birth_year" varchar(4) not null;`,
    );
    this.addSql(`create index "resident_rollup_birth_year_index" on "resident_rollup" ("birth_year");`);
    this.addSql(
      `alter table "resident_rollup" add constraint "resident_rollup_pkey" primary key ("community_id", "building_id", "gender", "birth_date", "residence_type", "status", "care_mask", "name_initial", "grid_id", "birth_year");`,
    );

    this.addSql(
      `alter table "resident_rollup_member" add column "grid_id" varchar(36) not null, add column "birth_year" varchar(4) not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_age_rollup" cascade;`);

    this.addSql(`truncate table "resident_rollup", "resident_rollup_member";`);

    this.addSql(`drop index "resident_rollup_birth_year_index";`);
    this.addSql(`alter table "resident_rollup" drop constraint "resident_rollup_pkey";`);
    this.addSql(`alter table "resident_rollup" drop column "grid_id", drop column "birth_year";`);

    this.addSql(
      `alter table "resident_rollup" add constraint "resident_rollup_pkey" primary key ("community_id", "building_id", "gender", "birth_date", "residence_type", "status", "care_mask", "name_initial");`,
    );

    this.addSql(`alter table "resident_rollup_member" drop column "grid_id", drop column "birth_year";`);
  }
}
