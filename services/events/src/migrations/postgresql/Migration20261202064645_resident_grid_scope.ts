import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064645_resident_grid_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "grid_code" ("grid_id" varchar(36) not null, "community_id" varchar(12) not null, "code" varchar(40) not null, constraint "grid_code_pkey" primary key ("grid_id"));`,
    );
    this.addSql(`create index "grid_code_code_index" on "grid_code" ("code");`);

    this.addSql(`alter table "resident_profile" add column "grid_id" varchar(36) null;`);
    this.addSql(`create index "resident_profile_grid_id_index" on "resident_profile" ("grid_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "grid_code" cascade;`);

    this.addSql(`drop index "resident_profile_grid_id_index";`);
    this.addSql(`alter table "resident_profile" drop column "grid_id";`);
  }
}
