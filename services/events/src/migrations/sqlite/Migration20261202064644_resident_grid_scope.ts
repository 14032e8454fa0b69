import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064644_resident_grid_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`grid_code\` (\`grid_id\` text not null, \`community_id\` text not null, \`code\` text not null, primary key (\`grid_id\`));`,
    );
    this.addSql(`create index \`grid_code_code_index\` on \`grid_code\` (\`code\`);`);

    this.addSql(`alter table \`resident_profile\` add column \`grid_id\` text null;`);
    this.addSql(`create index \`resident_profile_grid_id_index\` on \`resident_profile\` (\`grid_id\`);`);
  }
}
