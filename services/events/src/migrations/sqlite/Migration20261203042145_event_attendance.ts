import { Migration } from '@mikro-orm/migrations';

export class Migration20261203042145_event_attendance extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`event_attendance\` (\`member_id\` text not null, \`event_id\` text not null, \`community_id\` text not null, \`type\` text not null, \`month\` text not null, \`starts_at\` datetime not null, \`venue_id\` text null, \`organiser_kind\` text not null, \`organiser_department\` text null, \`organiser_team_id\` text null, \`organiser_organization_id\` text null, \`audience\` text not null, \`resident_id\` text not null, \`known\` integer not null, \`elderly\` integer not null, primary key (\`member_id\`));`);
    this.addSql(`create index \`event_attendance_audience_resident_id_community_id_starts_at_type_known_elderly_index\` on \`event_attendance\` (\`audience\`, \`resident_id\`, \`community_id\`, \`starts_at\`, \`type\`, \`known\`, \`elderly\`);`);
    this.addSql(`create index \`event_attendance_month_resident_id_community_id_starts_at_type_known_elderly_index\` on \`event_attendance\` (\`month\`, \`resident_id\`, \`community_id\`, \`starts_at\`, \`type\`, \`known\`, \`elderly\`);`);
    this.addSql(`create index \`event_attendance_type_resident_id_community_id_starts_at_known_elderly_index\` on \`event_attendance\` (\`type\`, \`resident_id\`, \`community_id\`, \`starts_at\`, \`known\`, \`elderly\`);`);

    this.addSql(`create table \`event_attendance_count\` (\`event_id\` text not null, \`n\` integer not null, primary key (\`event_id\`));`);
  }

}
