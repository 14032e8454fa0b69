import { Migration } from '@mikro-orm/migrations';

export class Migration20261202173337_case_area_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`case_area_rollup\` (\`community_id\` text not null, \`category\` text not null, \`channel\` text not null, \`status\` text not null, \`department\` text not null, \`opened_month\` text not null, \`n\` integer not null, \`resolved\` integer not null, \`on_time\` integer not null, \`resolution_ms\` bigint not null, \`rating_excellent\` integer not null, \`rating_good\` integer not null, \`rating_fair\` integer not null, \`rating_poor\` integer not null, primary key (\`community_id\`, \`category\`, \`channel\`, \`status\`, \`department\`, \`opened_month\`));`);
  }

}
