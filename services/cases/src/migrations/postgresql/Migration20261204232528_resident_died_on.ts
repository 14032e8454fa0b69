import { Migration } from '@mikro-orm/migrations';

export class Migration20261204232528_resident_died_on extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "resident_projection" add column "died_on" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "resident_projection" drop column "died_on";`);
  }

}
