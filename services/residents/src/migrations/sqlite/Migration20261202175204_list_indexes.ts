import { Migration } from '@mikro-orm/migrations';

export class Migration20261202175204_list_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`resident_name_index\`;`);

    this.addSql(`create index \`resident_birth_date_community_id_id_index\` on \`resident\` (\`birth_date\`, \`community_id\`, \`id\`);`);
    this.addSql(`create index \`resident_name_community_id_index\` on \`resident\` (\`name\`, \`community_id\`);`);
    this.addSql(`create index \`resident_community_id_id_index\` on \`resident\` (\`community_id\`, \`id\`);`);

    this.addSql(`create index \`care_record_category_ended_on_resident_id_community_id_index\` on \`care_record\` (\`category\`, \`ended_on\`, \`resident_id\`, \`community_id\`);`);
  }

}
