import { Migration } from '@mikro-orm/migrations';

export class Migration20261130140829_visit_grid extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "visit" add column "grid_id" varchar(36) null;`);
    this.addSql(`create index "visit_grid_id_index" on "visit" ("grid_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "visit_grid_id_index";`);
    this.addSql(`alter table "visit" drop column "grid_id";`);
  }
}
