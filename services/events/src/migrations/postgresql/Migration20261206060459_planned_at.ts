import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060459_planned_at extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "community_event" add column "planned_at" timestamptz null;`);

    this.addSql(`alter table "volunteer_shift" add column "planned_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "community_event" drop column "planned_at";`);

    this.addSql(`alter table "volunteer_shift" drop column "planned_at";`);
  }

}
