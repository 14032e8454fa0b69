import { Migration } from '@mikro-orm/migrations';

/**
 * `resident_grid_rollup` (community, grid, gender, residence type, status, care categories: no building, no birth
 * year), left empty here and filled at the next start (`ensureRollups` sums an empty coarser table from the rollup);
 * indexes on the birth year of the two tables by birth year with care categories: statistics by care category read
 * only the years up to their oldest cut-off from them.
 */
export class Migration20261205054927_grid_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "resident_grid_rollup" ("community_id" varchar(12) not null, "grid_id" varchar(36) not null, "gender" varchar(6) not null, "residence_type" varchar(12) not null, "status" varchar(12) not null, "care_mask" int not null, "n" int not null, constraint "resident_grid_rollup_pkey" primary key ("community_id", "grid_id", "gender", "residence_type", "status", "care_mask"));`);

    this.addSql(`create index "resident_age_care_rollup_birth_year_index" on "resident_age_care_rollup" ("birth_year");`);

    this.addSql(`create index "resident_age_rollup_birth_year_index" on "resident_age_rollup" ("birth_year");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_grid_rollup" cascade;`);

    this.addSql(`drop index "resident_age_care_rollup_birth_year_index";`);

    this.addSql(`drop index "resident_age_rollup_birth_year_index";`);
  }

}
