import { Migration } from '@mikro-orm/migrations';

export class Migration20261202103932_pii_audit_record extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`pii_audit_record\` (\`id\` text not null, \`community_id\` text not null, \`service\` text not null, \`operation\` text not null, \`request_id\` text not null, \`caller_kind\` text not null, \`caller_id\` text not null, \`caller_roles\` text not null, \`caller_department\` text null, \`read_at\` datetime not null, \`subject_count\` integer not null, \`subjects\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`pii_audit_record_community_idx\` on \`pii_audit_record\` (\`community_id\`, \`read_at\`);`);
    this.addSql(`create index \`pii_audit_record_caller_idx\` on \`pii_audit_record\` (\`community_id\`, \`caller_id\`, \`read_at\`);`);

    this.addSql(`drop table if exists \`pii_audit_entry\`;`);

    this.addSql(`drop table if exists \`pii_audit_trail\`;`);
  }

}
