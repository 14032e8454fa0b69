import { Migration } from '@mikro-orm/migrations';

export class Migration20261202215619_care_open_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`care_open_rollup\` (\`community_id\` text not null, \`category\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`category\`));`);

    this.addSql(`create table \`care_open_rollup_member\` (\`member_id\` text not null, \`community_id\` text not null, \`category\` text not null, primary key (\`member_id\`));`);
  }

}
