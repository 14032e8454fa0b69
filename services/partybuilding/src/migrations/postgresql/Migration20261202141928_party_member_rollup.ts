import { Migration } from '@mikro-orm/migrations';

export class Migration20261202141928_party_member_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "party_member_rollup" ("community_id" varchar(12) not null, "branch_id" varchar(36) not null, "stage" varchar(30) not null, "member_type" varchar(30) not null, "gender" varchar(10) not null, "birth_date" varchar(10) not null, "n" int not null, constraint "party_member_rollup_pkey" primary key ("community_id", "branch_id", "stage", "member_type", "gender", "birth_date"));`);

    this.addSql(`create table "party_member_rollup_member" ("member_id" varchar(36) not null, "community_id" varchar(12) not null, "branch_id" varchar(36) not null, "stage" varchar(30) not null, "member_type" varchar(30) not null, "gender" varchar(10) not null, "birth_date" varchar(10) not null, constraint "party_member_rollup_member_pkey" primary key ("member_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "party_member_rollup" cascade;`);

    this.addSql(`drop table if exists "party_member_rollup_member" cascade;`);
  }

}
