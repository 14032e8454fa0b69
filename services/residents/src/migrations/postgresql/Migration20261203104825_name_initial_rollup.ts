import { Migration } from '@mikro-orm/migrations';

/**
 * The name's first character joins the resident rollup's key (`name_initial`), summed into `resident_initial_rollup`
 * (a one-character name-prefix list's totalCount). The rollup's groups change key, so its tables are emptied here and
 * recounted at the next start (`ensureRollups`: an empty member table is counted from the resident rows, which refills
 * the coarser tables too).
 */
export class Migration20261203104825_name_initial_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "resident_initial_rollup" ("name_initial" varchar(2) not null, "community_id" varchar(12) not null, "status" varchar(12) not null, "n" int not null, constraint "resident_initial_rollup_pkey" primary key ("name_initial", "community_id", "status"));`,
    );

    this.addSql(`truncate table "resident_rollup", "resident_rollup_member";`);

    this.addSql(`alter table "resident_rollup" drop constraint "resident_rollup_pkey";`);

    this.addSql(`alter table "resident_rollup" add column "name_initial" varchar(2) not null;`);
    this.addSql(
      `alter table "resident_rollup" add constraint "resident_rollup_pkey" primary key ("community_id", "building_id", "gender", "birth_date", "residence_type", "status", "care_mask", "name_initial");`,
    );

    this.addSql(`alter table "resident_rollup_member" add column "name_initial" varchar(2) not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_initial_rollup" cascade;`);

    this.addSql(`truncate table "resident_rollup", "resident_rollup_member";`);
    this.addSql(`alter table "resident_rollup" drop constraint "resident_rollup_pkey";`);
    this.addSql(`alter table "resident_rollup" drop column "name_initial";`);

    this.addSql(
      `alter table "resident_rollup" add constraint "resident_rollup_pkey" primary key ("community_id", "building_id", "gender", "birth_date", "residence_type", "status", "care_mask");`,
    );

    this.addSql(`alter table "resident_rollup_member" drop column "name_initial";`);
  }
}
