import { Migration } from '@mikro-orm/migrations';

export class Migration20261205032939_case_rollup_member_month_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`case_rollup_member_opened_month_index\` on \`case_rollup_member\` (\`opened_month\`);`);
  }

}
