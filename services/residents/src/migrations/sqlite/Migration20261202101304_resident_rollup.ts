import { Migration } from '@mikro-orm/migrations';

export class Migration20261202101304_resident_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`resident_rollup\` (\`community_id\` text not null, \`building_id\` text not null, \`gender\` text not null, \`birth_date\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`n\` integer not null, primary key (\`community_id\`, \`building_id\`, \`gender\`, \`birth_date\`, \`residence_type\`, \`status\`, \`care_mask\`));`,
    );

    this.addSql(
      `create table \`resident_rollup_member\` (\`member_id\` text not null, \`community_id\` text not null, \`building_id\` text not null, \`gender\` text not null, \`birth_date\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, primary key (\`member_id\`));`,
    );
  }
}
