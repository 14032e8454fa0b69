import { Migration } from '@mikro-orm/migrations';

/**
 * Two smaller tables by grid and birth year (`resident_age_grid_rollup`: status only; `resident_age_care_rollup`:
 * status and care categories), chosen per statistic by what it needs; left empty here and filled at the next start
 * (`ensureRollups` sums an empty coarser table from the rollup). The rollup's index moves from the birth year to the
 * birth date: statistics by age read the residents between a cut-off and the end of its year by date range.
 */
export class Migration20261205021651_age_tables_by_need extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`resident_age_care_rollup\` (\`community_id\` text not null, \`grid_id\` text not null, \`birth_year\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`n\` integer not null, primary key (\`community_id\`, \`grid_id\`, \`birth_year\`, \`status\`, \`care_mask\`));`);

    this.addSql(`create table \`resident_age_grid_rollup\` (\`community_id\` text not null, \`grid_id\` text not null, \`birth_year\` text not null, \`status\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`grid_id\`, \`birth_year\`, \`status\`));`);

    this.addSql(`drop index \`resident_rollup_birth_year_index\`;`);

    this.addSql(`create index \`resident_rollup_birth_date_index\` on \`resident_rollup\` (\`birth_date\`);`);
  }

}
