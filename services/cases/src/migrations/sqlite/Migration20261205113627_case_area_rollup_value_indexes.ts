import { Migration } from '@mikro-orm/migrations';

export class Migration20261205113627_case_area_rollup_value_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`case_area_rollup_opened_month_index\` on \`case_area_rollup\` (\`opened_month\`);`);
    this.addSql(`create index \`case_area_rollup_department_index\` on \`case_area_rollup\` (\`department\`);`);
    this.addSql(`create index \`case_area_rollup_status_index\` on \`case_area_rollup\` (\`status\`);`);
    this.addSql(`create index \`case_area_rollup_channel_index\` on \`case_area_rollup\` (\`channel\`);`);
    this.addSql(`create index \`case_area_rollup_category_index\` on \`case_area_rollup\` (\`category\`);`);
  }

}
