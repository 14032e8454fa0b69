import { Migration } from '@mikro-orm/migrations';

export class Migration20261204173938_reference_projection_gender extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`reference_projection\` add column \`gender\` text null;`);
  }

}
