import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125845_api_keys_audit_trail extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`api_key\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`scopes\` text not null, \`secret_hash\` text not null, \`issued_at\` datetime not null, \`issued_by\` text not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`revoked_by\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`api_key_community_id_index\` on \`api_key\` (\`community_id\`);`);

    this.addSql(
      `create table \`pii_audit_trail\` (\`id\` text not null, \`event_id\` text not null, \`community_id\` text not null, \`service\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`fields\` text not null, \`operation\` text not null, \`request_id\` text not null, \`caller_kind\` text not null, \`caller_id\` text not null, \`caller_roles\` text not null, \`caller_department\` text null, \`read_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`pii_audit_trail_community_id_caller_id_read_at_index\` on \`pii_audit_trail\` (\`community_id\`, \`caller_id\`, \`read_at\`);`,
    );
    this.addSql(
      `create index \`pii_audit_trail_community_id_subject_id_read_at_index\` on \`pii_audit_trail\` (\`community_id\`, \`subject_id\`, \`read_at\`);`,
    );
    this.addSql(
      `create unique index \`pii_audit_trail_event_id_subject_type_subject_id_unique\` on \`pii_audit_trail\` (\`event_id\`, \`subject_type\`, \`subject_id\`);`,
    );
  }
}
