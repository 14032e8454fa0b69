import { Migration } from '@mikro-orm/migrations';

/**
 * `resident_age_people_rollup` (community, birth year, gender, residence type, status: no grid, no care categories),
 * what statistics by age across communities read; left empty here and filled at the next start (`ensureRollups`).
 */
export class Migration20261205024839_age_people_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`resident_age_people_rollup\` (\`community_id\` text not null, \`birth_year\` text not null, \`gender\` text not null, \`residence_type\` text not null, \`status\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`birth_year\`, \`gender\`, \`residence_type\`, \`status\`));`);
  }

}
