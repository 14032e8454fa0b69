import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001242_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`outbox_message\` (\`id\` text not null, \`subject\` text not null, \`payload\` text not null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`outbox_message_pending_idx\` on \`outbox_message\` (\`sent_at\`, \`id\`);`);

    this.addSql(
      `create table \`inbox_processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`,
    );

    this.addSql(
      `create table \`venue\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`kind\` text not null, \`capacity\` integer null, \`address\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`venue_community_id_index\` on \`venue\` (\`community_id\`);`);

    this.addSql(
      `create table \`community_event\` (\`id\` text not null, \`community_id\` text not null, \`title\` text not null, \`type\` text not null, \`venue_id\` text null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`capacity\` integer null, \`status\` text not null default 'PLANNED', constraint \`community_event_venue_id_foreign\` foreign key(\`venue_id\`) references \`venue\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`community_event_venue_id_index\` on \`community_event\` (\`venue_id\`);`);
    this.addSql(
      `create index \`community_event_community_id_starts_at_index\` on \`community_event\` (\`community_id\`, \`starts_at\`);`,
    );

    this.addSql(
      `create table \`registration\` (\`id\` text not null, \`community_id\` text not null, \`event_id\` text not null, \`resident_id\` text not null, \`status\` text not null, \`registered_at\` datetime not null, constraint \`registration_event_id_foreign\` foreign key(\`event_id\`) references \`community_event\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`registration_event_id_index\` on \`registration\` (\`event_id\`);`);
    this.addSql(`create index \`registration_resident_id_index\` on \`registration\` (\`resident_id\`);`);
    this.addSql(`create index \`registration_event_id_status_index\` on \`registration\` (\`event_id\`, \`status\`);`);
  }
}
