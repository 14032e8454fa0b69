import { Migration } from '@mikro-orm/migrations';

export class Migration20261202172946_care_record_by_resident extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "care_record_resident_id_ended_on_index" on "care_record" ("resident_id", "ended_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "care_record_resident_id_ended_on_index";`);
  }

}
