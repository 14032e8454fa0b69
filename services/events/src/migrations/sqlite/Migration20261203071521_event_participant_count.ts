import { Migration } from '@mikro-orm/migrations';

export class Migration20261203071521_event_participant_count extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`event_participant_count\` (\`grouping\` text not null, \`scope\` text not null, \`type\` text not null, \`month\` text not null, \`venue_id\` text not null, \`organiser_kind\` text not null, \`organiser_department\` text not null, \`organiser_team_id\` text not null, \`organiser_organization_id\` text not null, \`audience\` text not null, \`n\` integer not null, \`known\` integer not null, \`elderly\` integer not null, primary key (\`grouping\`, \`scope\`, \`type\`, \`month\`, \`venue_id\`, \`organiser_kind\`, \`organiser_department\`, \`organiser_team_id\`, \`organiser_organization_id\`, \`audience\`));`);

    this.addSql(`create index \`event_attendance_resident_id_index\` on \`event_attendance\` (\`resident_id\`);`);
  }

}
