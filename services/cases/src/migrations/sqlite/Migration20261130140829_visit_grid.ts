import { Migration } from '@mikro-orm/migrations';

export class Migration20261130140829_visit_grid extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`visit\` add column \`grid_id\` text null;`);
    this.addSql(`create index \`visit_grid_id_index\` on \`visit\` (\`grid_id\`);`);
  }
}
