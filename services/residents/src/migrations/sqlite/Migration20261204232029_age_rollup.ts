import { Migration } from '@mikro-orm/migrations';

/**
 * The building's grid and the birth year join the resident rollup's key (`grid_id`, `birth_year`: they follow from
 * the building and the birth date, so the rollup's groups are the same), summed into `resident_age_rollup`
 * (statistics by age without a building). The rollup's tables are emptied here and recounted at the next start
 * (`ensureRollups`: an empty member table is counted from the resident rows, which refills the coarser tables too).
 * SQLite cannot change a primary key in place: `resident_rollup` is created anew.
 */
export class Migration20261204232029_age_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`resident_age_rollup\` (\`community_id\` text not null, \`grid_id\` text not null, \`birth_year\` text not null, \`gender\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`n\` integer not null, primary key (\`community_id\`, \`grid_id\`, \`birth_year\`, \`gender\`, \`residence_type\`, \`status\`, \`care_mask\`));`,
    );

    this.addSql(`drop table \`resident_rollup\`;`);
    this.addSql(
      `create table \`resident_rollup\` (\`community_id\` text not null, \`building_id\` text not null, \`gender\` text not null, \`birth_date\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`name_initial\` text not null, \`grid_id\` text not null, \`birth_year\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`building_id\`, \`gender\`, \`birth_date\`, \`residence_type\`, \`status\`, \`care_mask\`, \`name_initial\`, \`grid_id\`, \`birth_year\`));`,
    );
    this.addSql(`create index \`resident_rollup_birth_year_index\` on \`resident_rollup\` (\`birth_year\`);`);

    this.addSql(`drop table \`resident_rollup_member\`;`);
    this.addSql(
      `create table \`resident_rollup_member\` (\`member_id\` text not null, \`community_id\` text not null, \`building_id\` text not null, \`gender\` text not null, \`birth_date\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`name_initial\` text not null, \`grid_id\` text not null, \`birth_year\` text not null, primary key (\`member_id\`));`,
    );
  }
}
