import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064550_fund_disbursement_links extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`case_fund_disbursement\` (\`disbursement_id\` text not null, \`community_id\` text not null, \`case_id\` text null, \`resident_id\` text not null, \`amount_fen\` integer not null, \`status\` text not null default 'PROPOSED', \`proposed_on\` text not null, \`paid_on\` text null, \`withdrawn_on\` text null, primary key (\`disbursement_id\`));`,
    );
    this.addSql(`create index \`case_fund_disbursement_case_id_index\` on \`case_fund_disbursement\` (\`case_id\`);`);
  }
}
