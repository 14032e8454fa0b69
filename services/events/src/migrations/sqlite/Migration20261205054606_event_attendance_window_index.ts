import { Migration } from '@mikro-orm/migrations';

export class Migration20261205054606_event_attendance_window_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`event_attendance_starts_at_community_id_type_month_audience_resident_id_known_elderly_index\`;`);

    this.addSql(`create index \`event_attendance_starts_at_community_id_type_month_audience_venue_id_organiser_kind_organiser_department_organiser_team_id_organiser_organization_id_resident_id_known_elderly_index\` on \`event_attendance\` (\`starts_at\`, \`community_id\`, \`type\`, \`month\`, \`audience\`, \`venue_id\`, \`organiser_kind\`, \`organiser_department\`, \`organiser_team_id\`, \`organiser_organization_id\`, \`resident_id\`, \`known\`, \`elderly\`);`);
  }

}
