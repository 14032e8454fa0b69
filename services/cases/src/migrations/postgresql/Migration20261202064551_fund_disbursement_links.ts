import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064551_fund_disbursement_links extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "case_fund_disbursement" ("disbursement_id" varchar(36) not null, "community_id" varchar(12) not null, "case_id" varchar(36) null, "resident_id" varchar(36) not null, "amount_fen" int not null, "status" varchar(20) not null default 'PROPOSED', "proposed_on" varchar(10) not null, "paid_on" varchar(10) null, "withdrawn_on" varchar(10) null, constraint "case_fund_disbursement_pkey" primary key ("disbursement_id"));`,
    );
    this.addSql(`create index "case_fund_disbursement_case_id_index" on "case_fund_disbursement" ("case_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_fund_disbursement" cascade;`);
  }
}
