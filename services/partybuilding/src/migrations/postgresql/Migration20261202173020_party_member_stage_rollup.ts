import { Migration } from '@mikro-orm/migrations';

export class Migration20261202173020_party_member_stage_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "party_member_stage_rollup" ("community_id" varchar(12) not null, "branch_id" varchar(36) not null, "stage" varchar(30) not null, "member_type" varchar(30) not null, "gender" varchar(10) not null, "n" int not null, constraint "party_member_stage_rollup_pkey" primary key ("community_id", "branch_id", "stage", "member_type", "gender"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "party_member_stage_rollup" cascade;`);
  }

}
