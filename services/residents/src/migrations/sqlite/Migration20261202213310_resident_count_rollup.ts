import { Migration } from '@mikro-orm/migrations';

export class Migration20261202213310_resident_count_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`resident_count_rollup\` (\`community_id\` text not null, \`gender\` text not null, \`residence_type\` text not null, \`status\` text not null, \`n\` integer not null, primary key (\`community_id\`, \`gender\`, \`residence_type\`, \`status\`));`);

    this.addSql(`create index \`resident_place_rollup_building_id_index\` on \`resident_place_rollup\` (\`building_id\`);`);
  }

}
