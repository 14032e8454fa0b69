import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060047_visit_logged_at extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`visit\` add column \`logged_at\` datetime null;`);
  }

}
