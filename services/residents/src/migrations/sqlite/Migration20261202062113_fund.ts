import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062113_fund extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`fund\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`balance_fen\` bigint not null default 0, \`entry_count\` integer not null default 0, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`fund_community_id_unique\` on \`fund\` (\`community_id\`);`);

    this.addSql(
      `create table \`fund_disbursement\` (\`id\` text not null, \`community_id\` text not null, \`resident_id\` text not null, \`household_id\` text null, \`reason\` text not null, \`statement\` text not null, \`amount_fen\` integer not null, \`status\` text not null default 'PROPOSED', \`case_id\` text null, \`programme_id\` text null, \`application_id\` text null, \`proposed_on\` text not null, \`proposed_by\` text not null, \`approved_on\` text null, \`approvers\` text null, \`decision_reference\` text null, \`published_on\` text null, \`publicity_days\` integer null, \`publicity_ends_on\` text null, \`challenged_on\` text null, \`challenge_note\` text null, \`challenge_resolution\` text null, \`paid_on\` text null, \`ledger_entry_id\` text null, \`withdrawn_on\` text null, \`withdraw_reason\` text null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`fund_disbursement_community_id_resident_id_index\` on \`fund_disbursement\` (\`community_id\`, \`resident_id\`);`,
    );
    this.addSql(
      `create index \`fund_disbursement_community_id_status_index\` on \`fund_disbursement\` (\`community_id\`, \`status\`);`,
    );

    this.addSql(
      `create table \`fund_donor\` (\`id\` text not null, \`community_id\` text not null, \`kind\` text not null, \`name\` text null, \`resident_id\` text null, \`organization_id\` text null, \`named_in_report\` integer not null default false, primary key (\`id\`));`,
    );
    this.addSql(`create index \`fund_donor_community_id_name_index\` on \`fund_donor\` (\`community_id\`, \`name\`);`);

    this.addSql(
      `create table \`fund_donation\` (\`id\` text not null, \`community_id\` text not null, \`donor_id\` text not null, \`form\` text not null, \`amount_fen\` integer not null, \`item_description\` text null, \`receipt_number\` text not null, \`received_on\` text not null, \`event_id\` text null, \`programme_id\` text null, \`ledger_entry_id\` text null, \`note\` text null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, constraint \`fund_donation_donor_id_foreign\` foreign key(\`donor_id\`) references \`fund_donor\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`fund_donation_donor_id_index\` on \`fund_donation\` (\`donor_id\`);`);
    this.addSql(
      `create index \`fund_donation_community_id_received_on_index\` on \`fund_donation\` (\`community_id\`, \`received_on\`);`,
    );
    this.addSql(
      `create unique index \`fund_donation_community_id_receipt_number_unique\` on \`fund_donation\` (\`community_id\`, \`receipt_number\`);`,
    );

    this.addSql(
      `create table \`fund_ledger_entry\` (\`id\` text not null, \`community_id\` text not null, \`sequence\` integer not null, \`kind\` text not null, \`flow\` text not null, \`amount_fen\` integer not null, \`balance_after_fen\` bigint not null, \`occurred_on\` text not null, \`reason\` text null, \`donation_id\` text null, \`disbursement_id\` text null, \`reverses_entry_id\` text null, \`reversed_by_entry_id\` text null, \`note\` text null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`fund_ledger_entry_community_id_occurred_on_index\` on \`fund_ledger_entry\` (\`community_id\`, \`occurred_on\`);`,
    );
    this.addSql(
      `create unique index \`fund_ledger_entry_community_id_sequence_unique\` on \`fund_ledger_entry\` (\`community_id\`, \`sequence\`);`,
    );

    this.addSql(
      `create table \`fund_programme\` (\`id\` text not null, \`community_id\` text not null, \`kind\` text not null, \`name\` text not null, \`sponsor_organization_id\` text null, \`sponsor_name\` text null, \`eligibility\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`fund_programme_community_id_index\` on \`fund_programme\` (\`community_id\`);`);

    this.addSql(
      `create table \`fund_programme_round\` (\`id\` text not null, \`programme_id\` text not null, \`year\` integer not null, \`budget_fen\` integer not null, \`opens_on\` text not null, \`closes_on\` text not null, constraint \`fund_programme_round_programme_id_foreign\` foreign key(\`programme_id\`) references \`fund_programme\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`fund_programme_round_programme_id_index\` on \`fund_programme_round\` (\`programme_id\`);`,
    );
    this.addSql(
      `create unique index \`fund_programme_round_programme_id_year_unique\` on \`fund_programme_round\` (\`programme_id\`, \`year\`);`,
    );

    this.addSql(
      `create table \`fund_application\` (\`id\` text not null, \`community_id\` text not null, \`programme_id\` text not null, \`round_id\` text null, \`resident_id\` text not null, \`applied_on\` text not null, \`statement\` text not null, \`status\` text not null default 'SUBMITTED', \`decided_on\` text null, \`awarded_fen\` integer null, \`outcome_note\` text null, \`disbursement_id\` text null, \`external_reference\` text null, constraint \`fund_application_programme_id_foreign\` foreign key(\`programme_id\`) references \`fund_programme\`(\`id\`) on update cascade, constraint \`fund_application_round_id_foreign\` foreign key(\`round_id\`) references \`fund_programme_round\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`fund_application_programme_id_index\` on \`fund_application\` (\`programme_id\`);`);
    this.addSql(`create index \`fund_application_round_id_index\` on \`fund_application\` (\`round_id\`);`);
    this.addSql(
      `create index \`fund_application_community_id_status_index\` on \`fund_application\` (\`community_id\`, \`status\`);`,
    );
  }
}
