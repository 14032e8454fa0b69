import { Migration } from '@mikro-orm/migrations';

export class Migration20261202182818_party_member_community_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`party_member_community_rollup\` (\`community_id\` text not null, \`stage\` text not null, \`member_type\` text not null, \`gender\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`stage\`, \`member_type\`, \`gender\`));`);
  }

}
