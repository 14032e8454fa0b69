import { Migration } from '@mikro-orm/migrations';

export class Migration20261202101947_place_hierarchy extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "building_grid_change" ("id" varchar(36) not null, "community_id" varchar(12) not null, "building_id" varchar(36) not null, "from_grid_id" varchar(36) not null, "to_grid_id" varchar(36) not null, "moved_on" varchar(10) not null, "changed_at" timestamptz not null, "changed_by" varchar(100) not null, "reason" varchar(200) null, constraint "building_grid_change_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "building_grid_change_community_id_index" on "building_grid_change" ("community_id");`);
    this.addSql(
      `create index "building_grid_change_building_id_changed_at_index" on "building_grid_change" ("building_id", "changed_at");`,
    );

    this.addSql(
      `create table "district" ("id" varchar(6) not null, "name" varchar(100) not null, constraint "district_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "street" ("id" varchar(9) not null, "name" varchar(100) not null, "district_code" varchar(6) not null, constraint "street_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "street_district_code_index" on "street" ("district_code");`);

    // Communities registered before the hierarchy was data: their street and district become rows.
    this.addSql(
      `insert into "district" ("id", "name") select distinct "district_code", min("district_name") from "community" group by "district_code";`,
    );
    this.addSql(
      `insert into "street" ("id", "name", "district_code") select "street_code", min("street_name"), min("district_code") from "community" group by "street_code";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "building_grid_change" cascade;`);

    this.addSql(`drop table if exists "district" cascade;`);

    this.addSql(`drop table if exists "street" cascade;`);
  }
}
