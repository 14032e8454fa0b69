import { Migration } from '@mikro-orm/migrations';

export class Migration20261123003724_access_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`pii_audit_entry\` (\`id\` text not null, \`community_id\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`fields\` text not null, \`operation\` text not null, \`request_id\` text not null, \`caller_kind\` text not null, \`caller_id\` text not null, \`caller_roles\` text not null, \`read_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`pii_audit_entry_subject_idx\` on \`pii_audit_entry\` (\`subject_id\`, \`read_at\`);`);
    this.addSql(`create index \`pii_audit_entry_caller_idx\` on \`pii_audit_entry\` (\`caller_id\`, \`read_at\`);`);
  }
}
