import { Migration } from '@mikro-orm/migrations';

export class Migration20261204173959_reference_projection_gender extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "reference_projection" add column "gender" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reference_projection" drop column "gender";`);
  }

}
