import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062114_fund extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "fund" ("id" varchar(36) not null, "community_id" varchar(12) not null, "name" varchar(50) not null, "balance_fen" bigint not null default 0, "entry_count" int not null default 0, constraint "fund_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "fund" add constraint "fund_community_id_unique" unique ("community_id");`);

    this.addSql(
      `create table "fund_disbursement" ("id" varchar(36) not null, "community_id" varchar(12) not null, "resident_id" varchar(36) not null, "household_id" varchar(36) null, "reason" varchar(20) not null, "statement" varchar(500) not null, "amount_fen" int not null, "status" varchar(20) not null default 'PROPOSED', "case_id" varchar(36) null, "programme_id" varchar(36) null, "application_id" varchar(36) null, "proposed_on" varchar(10) not null, "proposed_by" varchar(100) not null, "approved_on" varchar(10) null, "approvers" varchar(200) null, "decision_reference" varchar(50) null, "published_on" varchar(10) null, "publicity_days" int null, "publicity_ends_on" varchar(10) null, "challenged_on" varchar(10) null, "challenge_note" varchar(500) null, "challenge_resolution" varchar(500) null, "paid_on" varchar(10) null, "ledger_entry_id" varchar(36) null, "withdrawn_on" varchar(10) null, "withdraw_reason" varchar(200) null, constraint "fund_disbursement_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "fund_disbursement_community_id_resident_id_index" on "fund_disbursement" ("community_id", "resident_id");`,
    );
    this.addSql(
      `create index "fund_disbursement_community_id_status_index" on "fund_disbursement" ("community_id", "status");`,
    );

    this.addSql(
      `create table "fund_donor" ("id" varchar(36) not null, "community_id" varchar(12) not null, "kind" varchar(30) not null, "name" varchar(100) null, "resident_id" varchar(36) null, "organization_id" varchar(36) null, "named_in_report" boolean not null default false, constraint "fund_donor_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "fund_donor_community_id_name_index" on "fund_donor" ("community_id", "name");`);

    this.addSql(
      `create table "fund_donation" ("id" varchar(36) not null, "community_id" varchar(12) not null, "donor_id" varchar(36) not null, "form" varchar(10) not null, "amount_fen" int not null, "item_description" varchar(200) null, "receipt_number" varchar(30) not null, "received_on" varchar(10) not null, "event_id" varchar(36) null, "programme_id" varchar(36) null, "ledger_entry_id" varchar(36) null, "note" varchar(200) null, "recorded_by" varchar(100) not null, "recorded_at" timestamptz not null, constraint "fund_donation_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "fund_donation_community_id_received_on_index" on "fund_donation" ("community_id", "received_on");`,
    );
    this.addSql(
      `alter table "fund_donation" add constraint "fund_donation_community_id_receipt_number_unique" unique ("community_id", "receipt_number");`,
    );

    this.addSql(
      `create table "fund_ledger_entry" ("id" varchar(36) not null, "community_id" varchar(12) not null, "sequence" int not null, "kind" varchar(20) not null, "flow" varchar(10) not null, "amount_fen" int not null, "balance_after_fen" bigint not null, "occurred_on" varchar(10) not null, "reason" varchar(20) null, "donation_id" varchar(36) null, "disbursement_id" varchar(36) null, "reverses_entry_id" varchar(36) null, "reversed_by_entry_id" varchar(36) null, "note" varchar(200) null, "recorded_by" varchar(100) not null, "recorded_at" timestamptz not null, constraint "fund_ledger_entry_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "fund_ledger_entry_community_id_occurred_on_index" on "fund_ledger_entry" ("community_id", "occurred_on");`,
    );
    this.addSql(
      `alter table "fund_ledger_entry" add constraint "fund_ledger_entry_community_id_sequence_unique" unique ("community_id", "sequence");`,
    );

    this.addSql(
      `create table "fund_programme" ("id" varchar(36) not null, "community_id" varchar(12) not null, "kind" varchar(20) not null, "name" varchar(100) not null, "sponsor_organization_id" varchar(36) null, "sponsor_name" varchar(100) null, "eligibility" varchar(300) null, constraint "fund_programme_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "fund_programme_community_id_index" on "fund_programme" ("community_id");`);

    this.addSql(
      `create table "fund_programme_round" ("id" varchar(36) not null, "programme_id" varchar(36) not null, "year" int not null, "budget_fen" int not null, "opens_on" varchar(10) not null, "closes_on" varchar(10) not null, constraint "fund_programme_round_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "fund_programme_round" add constraint "fund_programme_round_programme_id_year_unique" unique ("programme_id", "year");`,
    );

    this.addSql(
      `create table "fund_application" ("id" varchar(36) not null, "community_id" varchar(12) not null, "programme_id" varchar(36) not null, "round_id" varchar(36) null, "resident_id" varchar(36) not null, "applied_on" varchar(10) not null, "statement" varchar(500) not null, "status" varchar(20) not null default 'SUBMITTED', "decided_on" varchar(10) null, "awarded_fen" int null, "outcome_note" varchar(300) null, "disbursement_id" varchar(36) null, "external_reference" varchar(50) null, constraint "fund_application_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "fund_application_community_id_status_index" on "fund_application" ("community_id", "status");`,
    );

    this.addSql(
      `alter table "fund_donation" add constraint "fund_donation_donor_id_foreign" foreign key ("donor_id") references "fund_donor" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "fund_programme_round" add constraint "fund_programme_round_programme_id_foreign" foreign key ("programme_id") references "fund_programme" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "fund_application" add constraint "fund_application_programme_id_foreign" foreign key ("programme_id") references "fund_programme" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "fund_application" add constraint "fund_application_round_id_foreign" foreign key ("round_id") references "fund_programme_round" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fund_donation" drop constraint "fund_donation_donor_id_foreign";`);

    this.addSql(`alter table "fund_programme_round" drop constraint "fund_programme_round_programme_id_foreign";`);

    this.addSql(`alter table "fund_application" drop constraint "fund_application_programme_id_foreign";`);

    this.addSql(`alter table "fund_application" drop constraint "fund_application_round_id_foreign";`);

    this.addSql(`drop table if exists "fund" cascade;`);

    this.addSql(`drop table if exists "fund_disbursement" cascade;`);

    this.addSql(`drop table if exists "fund_donor" cascade;`);

    this.addSql(`drop table if exists "fund_donation" cascade;`);

    this.addSql(`drop table if exists "fund_ledger_entry" cascade;`);

    this.addSql(`drop table if exists "fund_programme" cascade;`);

    this.addSql(`drop table if exists "fund_programme_round" cascade;`);

    this.addSql(`drop table if exists "fund_application" cascade;`);
  }
}
