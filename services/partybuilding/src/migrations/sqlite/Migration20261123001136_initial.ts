import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001136_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outbox_message\` (\`id\` text not null, \`subject\` text not null, \`payload\` text not null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_message_pending_idx\` on \`outbox_message\` (\`sent_at\`, \`id\`);`);

    this.addSql(`create table \`party_organization\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`level\` text not null, \`parent_id\` text null, \`secretary_resident_id\` text null, constraint \`party_organization_parent_id_foreign\` foreign key(\`parent_id\`) references \`party_organization\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`party_organization_community_id_index\` on \`party_organization\` (\`community_id\`);`);
    this.addSql(`create index \`party_organization_parent_id_index\` on \`party_organization\` (\`parent_id\`);`);

    this.addSql(`create table \`party_member\` (\`id\` text not null, \`community_id\` text not null, \`resident_id\` text not null, \`branch_id\` text not null, \`stage\` text not null, \`stage_since\` text not null, \`member_type\` text not null default 'COMMUNITY', constraint \`party_member_branch_id_foreign\` foreign key(\`branch_id\`) references \`party_organization\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`party_member_resident_id_unique\` on \`party_member\` (\`resident_id\`);`);
    this.addSql(`create index \`party_member_branch_id_index\` on \`party_member\` (\`branch_id\`);`);

    this.addSql(`create table \`inbox_processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`);
  }

}
