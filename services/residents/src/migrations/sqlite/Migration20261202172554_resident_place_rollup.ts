import { Migration } from '@mikro-orm/migrations';

export class Migration20261202172554_resident_place_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`resident_place_rollup\` (\`community_id\` text not null, \`building_id\` text not null, \`gender\` text not null, \`residence_type\` text not null, \`status\` text not null, \`care_mask\` integer not null, \`n\` integer not null, primary key (\`community_id\`, \`building_id\`, \`gender\`, \`residence_type\`, \`status\`, \`care_mask\`));`);
  }

}
