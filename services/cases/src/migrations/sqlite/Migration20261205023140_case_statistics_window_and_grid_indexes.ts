import { Migration } from '@mikro-orm/migrations';

export class Migration20261205023140_case_statistics_window_and_grid_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`case_record_opened_at_index\` on \`case_record\` (\`opened_at\`);`);

    this.addSql(`create index \`case_rollup_grid_id_index\` on \`case_rollup\` (\`grid_id\`);`);
  }

}
