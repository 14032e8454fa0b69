import { Migration } from '@mikro-orm/migrations';

/**
 * The name's first character joins the resident rollup's key (`name_initial`), summed into `resident_initial_rollup`
 * (a one-character name-prefix list's totalCount). The rollup's groups change key, so its tables are emptied here and
 * recounted at the next start (`ensureRollups`: an empty member table is counted from the resident rows, which refills
 * the coarser tables too). SQLite cannot change a primary key in place: `resident_rollup` is created anew.
 */
export class Migration20261203104824_name_initial_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`resident_initial_rollup\` (\`name_initial\` text not null, \`community_id\` text not null, \`status\` text not null, \`n\` integer not null, primary key (\`name_initial\`, \`community_id\`, \`status\`));`,
    );

    this.addSql(`drop table \`resident_rollup\`;`);
    this.addSql(
      `create table \`resident_rollup\` (\`community_id\` text not null, \`building_id\` text not null, \`gender\` text not null, \`birth_date\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`name_initial\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`building_id\`, \`gender\`, \`birth_date\`, \`residence_type\`, \`status\`, \`care_mask\`, \`name_initial\`));`,
    );

    this.addSql(`drop table \`resident_rollup_member\`;`);
    this.addSql(
      `create table \`resident_rollup_member\` (\`member_id\` text not null, \`community_id\` text not null, \`building_id\` text not null, \`gender\` text not null, \`birth_date\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`name_initial\` text not null, primary key (\`member_id\`));`,
    );
  }
}
