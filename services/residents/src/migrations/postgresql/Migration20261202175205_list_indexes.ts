import { Migration } from '@mikro-orm/migrations';

export class Migration20261202175205_list_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "building_grid_id_index" on "building" ("grid_id");`);

    this.addSql(`create index "household_building_id_index" on "household" ("building_id");`);

    this.addSql(`drop index "resident_name_index";`);

    this.addSql(`create index "resident_household_id_index" on "resident" ("household_id");`);
    this.addSql(`create index "resident_birth_date_community_id_id_index" on "resident" ("birth_date", "community_id", "id");`);
    this.addSql(`create index "resident_name_community_id_index" on "resident" ("name", "community_id");`);
    this.addSql(`create index "resident_community_id_id_index" on "resident" ("community_id", "id");`);

    this.addSql(`create index "care_record_category_ended_on_resident_id_community_id_index" on "care_record" ("category", "ended_on", "resident_id", "community_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "building_grid_id_index";`);

    this.addSql(`drop index "care_record_category_ended_on_resident_id_community_id_index";`);

    this.addSql(`drop index "household_building_id_index";`);

    this.addSql(`drop index "resident_household_id_index";`);
    this.addSql(`drop index "resident_birth_date_community_id_id_index";`);
    this.addSql(`drop index "resident_name_community_id_index";`);
    this.addSql(`drop index "resident_community_id_id_index";`);

    this.addSql(`create index "resident_name_index" on "resident" ("name");`);
  }

}
