import { Migration } from '@mikro-orm/migrations';

export class Migration20261202182818_party_member_community_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "party_member_community_rollup" ("community_id" varchar(12) not null, "stage" varchar(30) not null, "member_type" varchar(30) not null, "gender" varchar(10) not null, "n" int not null, constraint "party_member_community_rollup_pkey" primary key ("community_id", "stage", "member_type", "gender"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "party_member_community_rollup" cascade;`);
  }

}
