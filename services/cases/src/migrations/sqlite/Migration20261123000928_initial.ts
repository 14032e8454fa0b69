import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000928_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`case_record\` (\`id\` text not null, \`community_id\` text not null, \`number\` text not null, \`status\` text not null default 'RECEIVED', \`category\` text not null, \`channel\` text not null, \`priority\` text not null default 'NORMAL', \`department\` text not null, \`reporter_id\` text null, \`description\` text not null, \`grid_id\` text null, \`assignee_staff_id\` text null, \`opened_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`case_record_number_unique\` on \`case_record\` (\`number\`);`);
    this.addSql(`create index \`case_record_reporter_id_index\` on \`case_record\` (\`reporter_id\`);`);
    this.addSql(`create index \`case_record_grid_id_index\` on \`case_record\` (\`grid_id\`);`);
    this.addSql(
      `create index \`case_record_community_id_status_index\` on \`case_record\` (\`community_id\`, \`status\`);`,
    );

    this.addSql(
      `create table \`case_number_sequence\` (\`year\` integer not null, \`last\` integer not null, primary key (\`year\`));`,
    );

    this.addSql(
      `create table \`outbox_message\` (\`id\` text not null, \`subject\` text not null, \`payload\` text not null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`outbox_message_pending_idx\` on \`outbox_message\` (\`sent_at\`, \`id\`);`);

    this.addSql(
      `create table \`inbox_processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`,
    );

    this.addSql(
      `create table \`resident_projection\` (\`resident_id\` text not null, \`community_id\` text not null, \`household_id\` text null, \`building_id\` text null, \`grid_id\` text null, \`birth_date\` text null, \`status\` text not null default 'ACTIVE', \`updated_at\` datetime not null, primary key (\`resident_id\`));`,
    );
  }
}
