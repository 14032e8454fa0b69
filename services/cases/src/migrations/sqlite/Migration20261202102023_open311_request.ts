import { Migration } from '@mikro-orm/migrations';

export class Migration20261202102023_open311_request extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`open311_request\` (\`id\` text not null, \`community_id\` text not null, \`case_id\` text not null, \`client_id\` text not null, \`address_string\` text null, \`address_id\` text null, \`latitude\` double null, \`longitude\` double null, \`media_url\` text null, \`submitted_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`open311_request_case_id_unique\` on \`open311_request\` (\`case_id\`);`);
    this.addSql(`create index \`open311_request_community_id_submitted_at_index\` on \`open311_request\` (\`community_id\`, \`submitted_at\`);`);
  }

}
