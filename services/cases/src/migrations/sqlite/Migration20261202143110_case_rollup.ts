import { Migration } from '@mikro-orm/migrations';

export class Migration20261202143110_case_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`case_rollup\` (\`community_id\` text not null, \`category\` text not null, \`channel\` text not null, \`status\` text not null, \`grid_id\` text not null, \`department\` text not null, \`opened_month\` text not null, \`n\` integer not null, \`resolved\` integer not null, \`on_time\` integer not null, \`resolution_ms\` bigint not null, \`rating_excellent\` integer not null, \`rating_good\` integer not null, \`rating_fair\` integer not null, \`rating_poor\` integer not null, primary key (\`community_id\`, \`category\`, \`channel\`, \`status\`, \`grid_id\`, \`department\`, \`opened_month\`));`);

    this.addSql(`create table \`case_rollup_member\` (\`member_id\` text not null, \`community_id\` text not null, \`category\` text not null, \`channel\` text not null, \`status\` text not null, \`grid_id\` text not null, \`department\` text not null, \`opened_month\` text not null, \`resolved\` integer not null, \`on_time\` integer not null, \`resolution_ms\` bigint not null, \`rating_excellent\` integer not null, \`rating_good\` integer not null, \`rating_fair\` integer not null, \`rating_poor\` integer not null, primary key (\`member_id\`));`);
  }

}
