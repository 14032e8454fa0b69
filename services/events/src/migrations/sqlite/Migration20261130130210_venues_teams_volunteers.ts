import { Migration } from '@mikro-orm/migrations';

export class Migration20261130130210_venues_teams_volunteers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`resident_profile\` (\`resident_id\` text not null, \`community_id\` text not null, \`birth_date\` date null, \`died_on\` date null, \`moved_out_on\` date null, primary key (\`resident_id\`));`,
    );

    this.addSql(
      `create table \`team\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`kind\` text not null, \`parent_id\` text null, \`leader_resident_id\` text null, \`registration_status\` text not null default 'UNREGISTERED', \`supervision_status\` text not null default 'NORMAL', \`founded_on\` date null, constraint \`team_parent_id_foreign\` foreign key(\`parent_id\`) references \`team\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`team_community_id_index\` on \`team\` (\`community_id\`);`);
    this.addSql(`create index \`team_parent_id_index\` on \`team\` (\`parent_id\`);`);

    this.addSql(
      `create table \`team_award\` (\`id\` text not null, \`community_id\` text not null, \`team_id\` text not null, \`title\` text not null, \`awarded_by\` text not null, \`awarded_on\` date not null, constraint \`team_award_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`team_award_team_id_index\` on \`team_award\` (\`team_id\`);`);

    this.addSql(
      `create table \`team_member\` (\`id\` text not null, \`community_id\` text not null, \`team_id\` text not null, \`resident_id\` text not null, \`joined_on\` date not null, \`left_on\` date null, constraint \`team_member_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`team_member_team_id_index\` on \`team_member\` (\`team_id\`);`);
    this.addSql(`create index \`team_member_resident_id_index\` on \`team_member\` (\`resident_id\`);`);
    this.addSql(
      `create index \`team_member_team_id_resident_id_index\` on \`team_member\` (\`team_id\`, \`resident_id\`);`,
    );

    this.addSql(
      `create table \`programme_item\` (\`id\` text not null, \`community_id\` text not null, \`event_id\` text not null, \`position\` integer not null, \`title\` text not null, \`form\` text not null, \`team_id\` text null, \`performers\` text null, \`duration_minutes\` integer not null, constraint \`programme_item_event_id_foreign\` foreign key(\`event_id\`) references \`community_event\`(\`id\`) on update cascade, constraint \`programme_item_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`programme_item_event_id_index\` on \`programme_item\` (\`event_id\`);`);
    this.addSql(`create index \`programme_item_team_id_index\` on \`programme_item\` (\`team_id\`);`);

    this.addSql(
      `create table \`event_sponsor\` (\`id\` text not null, \`community_id\` text not null, \`event_id\` text not null, \`organization_id\` text not null, \`contribution\` text not null, \`amount_fen\` integer null, constraint \`event_sponsor_event_id_foreign\` foreign key(\`event_id\`) references \`community_event\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`event_sponsor_event_id_index\` on \`event_sponsor\` (\`event_id\`);`);
    this.addSql(`create index \`event_sponsor_organization_id_index\` on \`event_sponsor\` (\`organization_id\`);`);

    this.addSql(
      `create table \`volunteer_shift\` (\`id\` text not null, \`community_id\` text not null, \`event_id\` text null, \`role\` text not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, constraint \`volunteer_shift_event_id_foreign\` foreign key(\`event_id\`) references \`community_event\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`volunteer_shift_community_id_index\` on \`volunteer_shift\` (\`community_id\`);`);
    this.addSql(`create index \`volunteer_shift_event_id_index\` on \`volunteer_shift\` (\`event_id\`);`);

    this.addSql(
      `create table \`volunteer_service\` (\`id\` text not null, \`community_id\` text not null, \`shift_id\` text not null, \`resident_id\` text not null, \`minutes\` integer not null, \`served_on\` date not null, \`recorded_at\` datetime not null, constraint \`volunteer_service_shift_id_foreign\` foreign key(\`shift_id\`) references \`volunteer_shift\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`volunteer_service_shift_id_index\` on \`volunteer_service\` (\`shift_id\`);`);
    this.addSql(`create index \`volunteer_service_resident_id_index\` on \`volunteer_service\` (\`resident_id\`);`);
    this.addSql(
      `create unique index \`volunteer_service_shift_id_resident_id_unique\` on \`volunteer_service\` (\`shift_id\`, \`resident_id\`);`,
    );

    this.addSql(`alter table \`venue\` add column \`owner_organization_id\` text null;`);
    this.addSql(`alter table \`venue\` add column \`photo_urls\` json null;`);
    this.addSql(`alter table \`venue\` add column \`opening_hours\` text null;`);

    this.addSql(`alter table \`community_event\` add column \`description\` text null;`);
    this.addSql(`alter table \`community_event\` add column \`audience\` text not null default 'ALL';`);
    this.addSql(`alter table \`community_event\` add column \`organiser_kind\` text not null default 'DEPARTMENT';`);
    this.addSql(`alter table \`community_event\` add column \`organiser_department\` text null default 'CULTURE';`);
    this.addSql(`alter table \`community_event\` add column \`organiser_team_id\` text null;`);
    this.addSql(`alter table \`community_event\` add column \`organiser_organization_id\` text null;`);
    this.addSql(`alter table \`community_event\` add column \`rehearsal_for_id\` text null;`);
    this.addSql(`alter table \`community_event\` add column \`cancel_reason\` text null;`);
    this.addSql(
      `create index \`community_event_organiser_team_id_index\` on \`community_event\` (\`organiser_team_id\`);`,
    );
    this.addSql(
      `create index \`community_event_rehearsal_for_id_index\` on \`community_event\` (\`rehearsal_for_id\`);`,
    );
    this.addSql(
      `create index \`community_event_venue_id_starts_at_index\` on \`community_event\` (\`venue_id\`, \`starts_at\`);`,
    );

    this.addSql(`alter table \`registration\` add column \`attended_at\` datetime null;`);
    this.addSql(`alter table \`registration\` add column \`cancelled_at\` datetime null;`);
    this.addSql(`alter table \`registration\` add column \`cancel_reason\` text null;`);
  }
}
