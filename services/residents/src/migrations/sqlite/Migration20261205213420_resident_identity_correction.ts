import { Migration } from '@mikro-orm/migrations';

export class Migration20261205213420_resident_identity_correction extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`resident_identity_correction\` (\`id\` text not null, \`community_id\` text not null, \`resident_id\` text not null, \`changed_fields\` text not null, \`corrected_at\` datetime not null, \`corrected_by\` text not null, \`reason\` text not null, primary key (\`id\`));`);
    this.addSql(`create index \`resident_identity_correction_community_id_index\` on \`resident_identity_correction\` (\`community_id\`);`);
    this.addSql(`create index \`resident_identity_correction_resident_id_corrected_at_index\` on \`resident_identity_correction\` (\`resident_id\`, \`corrected_at\`);`);
  }

}
