import { Migration } from '@mikro-orm/migrations';

/**
 * `resident_grid_rollup` (community, grid, gender, residence type, status, care categories: no building, no birth
 * year), left empty here and filled at the next start (`ensureRollups` sums an empty coarser table from the rollup);
 * indexes on the birth year of the two tables by birth year with care categories: statistics by care category read
 * only the years up to their oldest cut-off from them.
 */
export class Migration20261205054917_grid_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`resident_grid_rollup\` (\`community_id\` text not null, \`grid_id\` text not null, \`gender\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`n\` integer not null, primary key (\`community_id\`, \`grid_id\`, \`gender\`, \`residence_type\`, \`status\`, \`care_mask\`));`);

    this.addSql(`create index \`resident_age_care_rollup_birth_year_index\` on \`resident_age_care_rollup\` (\`birth_year\`);`);

    this.addSql(`create index \`resident_age_rollup_birth_year_index\` on \`resident_age_rollup\` (\`birth_year\`);`);
  }

}
