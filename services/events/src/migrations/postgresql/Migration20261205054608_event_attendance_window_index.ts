import { Migration } from '@mikro-orm/migrations';

export class Migration20261205054608_event_attendance_window_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "event_attendance_starts_at_community_id_type_month_992f9_index";`);

    this.addSql(`create index "event_attendance_starts_at_community_id_type_month_09c36_index" on "event_attendance" ("starts_at", "community_id", "type", "month", "audience", "venue_id", "organiser_kind", "organiser_department", "organiser_team_id", "organiser_organization_id", "resident_id", "known", "elderly");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "event_attendance_starts_at_community_id_type_month_09c36_index";`);

    this.addSql(`create index "event_attendance_starts_at_community_id_type_month_992f9_index" on "event_attendance" ("starts_at", "community_id", "type", "month", "audience", "resident_id", "known", "elderly");`);
  }

}
