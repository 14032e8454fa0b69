import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060458_planned_at extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`community_event\` add column \`planned_at\` datetime null;`);

    this.addSql(`alter table \`volunteer_shift\` add column \`planned_at\` datetime null;`);
  }

}
