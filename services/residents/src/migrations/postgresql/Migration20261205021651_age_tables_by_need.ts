import { Migration } from '@mikro-orm/migrations';

/**
 * Two smaller tables by grid and birth year (`resident_age_grid_rollup`: status only; `resident_age_care_rollup`:
 * status and care categories), chosen per statistic by what it needs; left empty here and filled at the next start
 * (`ensureRollups` sums an empty coarser table from the rollup). The rollup's index moves from the birth year to the
 * birth date: statistics by age read the residents between a cut-off and the end of its year by date range.
 */
export class Migration20261205021651_age_tables_by_need extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "resident_age_care_rollup" ("community_id" varchar(12) not null, "grid_id" varchar(36) not null, "birth_year" varchar(4) not null, "status" varchar(12) not null, "care_mask" int not null, "n" int not null, constraint "resident_age_care_rollup_pkey" primary key ("community_id", "grid_id", "birth_year", "status", "care_mask"));`);

    this.addSql(`create table "resident_age_grid_rollup" ("community_id" varchar(12) not null, "grid_id" varchar(36) not null, "birth_year" varchar(4) not null, "status" varchar(12) not null, "n" int not null, constraint "resident_age_grid_rollup_pkey" primary key ("community_id", "grid_id", "birth_year", "status"));`);

    this.addSql(`drop index "resident_rollup_birth_year_index";`);

    this.addSql(`create index "resident_rollup_birth_date_index" on "resident_rollup" ("birth_date");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_age_care_rollup" cascade;`);

    this.addSql(`drop table if exists "resident_age_grid_rollup" cascade;`);

    this.addSql(`drop index "resident_rollup_birth_date_index";`);

    this.addSql(`create index "resident_rollup_birth_year_index" on "resident_rollup" ("birth_year");`);
  }

}
