import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000440_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`grid\` (\`id\` text not null, \`community_id\` text not null, \`code\` text not null, \`name\` text not null, \`grid_worker_staff_id\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`grid_community_id_index\` on \`grid\` (\`community_id\`);`);
    this.addSql(`create unique index \`grid_code_unique\` on \`grid\` (\`code\`);`);

    this.addSql(
      `create table \`building\` (\`id\` text not null, \`community_id\` text not null, \`grid_id\` text not null, \`name\` text not null, \`address\` text not null, \`leader_resident_id\` text null, constraint \`building_grid_id_foreign\` foreign key(\`grid_id\`) references \`grid\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`building_community_id_index\` on \`building\` (\`community_id\`);`);
    this.addSql(`create index \`building_grid_id_index\` on \`building\` (\`grid_id\`);`);

    this.addSql(
      `create table \`household\` (\`id\` text not null, \`community_id\` text not null, \`building_id\` text not null, \`unit\` text not null, \`room\` text not null, \`address\` text not null, \`housing\` text not null default 'OWNED', \`head_resident_id\` text null, \`landlord_resident_id\` text null, constraint \`household_building_id_foreign\` foreign key(\`building_id\`) references \`building\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`household_community_id_index\` on \`household\` (\`community_id\`);`);
    this.addSql(`create index \`household_building_id_index\` on \`household\` (\`building_id\`);`);
    this.addSql(`create index \`household_address_index\` on \`household\` (\`address\`);`);

    this.addSql(
      `create table \`outbox_message\` (\`id\` text not null, \`subject\` text not null, \`payload\` text not null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`attempts\` integer not null default 0, \`last_error\` text null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`outbox_message_pending_idx\` on \`outbox_message\` (\`sent_at\`, \`id\`);`);

    this.addSql(
      `create table \`inbox_processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`,
    );

    this.addSql(
      `create table \`resident\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`id_number\` text not null, \`gender\` text null, \`birth_date\` text null, \`phone\` text null, \`household_id\` text null, \`relation_to_head\` text not null default 'OTHER', \`residence_type\` text not null default 'REGISTERED', \`residence_permit_issued_on\` text null, \`residence_permit_expires_on\` text null, \`status\` text not null default 'ACTIVE', \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`resident_household_id_foreign\` foreign key(\`household_id\`) references \`household\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`resident_name_index\` on \`resident\` (\`name\`);`);
    this.addSql(`create unique index \`resident_id_number_unique\` on \`resident\` (\`id_number\`);`);
    this.addSql(`create index \`resident_household_id_index\` on \`resident\` (\`household_id\`);`);
    this.addSql(`create index \`resident_community_id_status_index\` on \`resident\` (\`community_id\`, \`status\`);`);
  }
}
