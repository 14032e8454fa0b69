import { Migration } from '@mikro-orm/migrations';

export class Migration20261202141927_party_member_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`party_member_rollup\` (\`community_id\` text not null, \`branch_id\` text not null, \`stage\` text not null, \`member_type\` text not null, \`gender\` text not null, \`birth_date\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`branch_id\`, \`stage\`, \`member_type\`, \`gender\`, \`birth_date\`));`);

    this.addSql(`create table \`party_member_rollup_member\` (\`member_id\` text not null, \`community_id\` text not null, \`branch_id\` text not null, \`stage\` text not null, \`member_type\` text not null, \`gender\` text not null, \`birth_date\` text not null, primary key (\`member_id\`));`);
  }

}
