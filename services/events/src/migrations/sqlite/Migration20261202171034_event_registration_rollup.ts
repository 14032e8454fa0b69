import { Migration } from '@mikro-orm/migrations';

export class Migration20261202171034_event_registration_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`event_registration_rollup\` (\`event_id\` text not null, \`n\` integer not null, \`seats\` integer not null, \`attended\` integer not null, \`no_shows\` integer not null, primary key (\`event_id\`));`);

    this.addSql(`create table \`event_registration_rollup_member\` (\`member_id\` text not null, \`event_id\` text not null, \`seats\` integer not null, \`attended\` integer not null, \`no_shows\` integer not null, primary key (\`member_id\`));`);

    this.addSql(`drop index \`registration_event_id_status_index\`;`);

    this.addSql(`create index \`registration_event_id_status_resident_id_index\` on \`registration\` (\`event_id\`, \`status\`, \`resident_id\`);`);
  }

}
