import { Migration } from '@mikro-orm/migrations';

export class Migration20261203103650_event_attendance_starts_at_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`event_attendance_starts_at_community_id_type_month_audience_resident_id_known_elderly_index\` on \`event_attendance\` (\`starts_at\`, \`community_id\`, \`type\`, \`month\`, \`audience\`, \`resident_id\`, \`known\`, \`elderly\`);`);
  }

}
