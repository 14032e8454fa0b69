import { Migration } from '@mikro-orm/migrations';

export class Migration20261130130212_venues_teams_volunteers extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "resident_profile" ("resident_id" varchar(36) not null, "community_id" varchar(12) not null, "birth_date" date null, "died_on" date null, "moved_out_on" date null, constraint "resident_profile_pkey" primary key ("resident_id"));`,
    );

    this.addSql(
      `create table "team" ("id" varchar(36) not null, "community_id" varchar(12) not null, "name" varchar(100) not null, "kind" varchar(30) not null, "parent_id" varchar(36) null, "leader_resident_id" varchar(36) null, "registration_status" varchar(20) not null default 'UNREGISTERED', "supervision_status" varchar(20) not null default 'NORMAL', "founded_on" date null, constraint "team_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "team_community_id_index" on "team" ("community_id");`);

    this.addSql(
      `create table "team_award" ("id" varchar(36) not null, "community_id" varchar(12) not null, "team_id" varchar(36) not null, "title" varchar(200) not null, "awarded_by" varchar(100) not null, "awarded_on" date not null, constraint "team_award_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "team_member" ("id" varchar(36) not null, "community_id" varchar(12) not null, "team_id" varchar(36) not null, "resident_id" varchar(36) not null, "joined_on" date not null, "left_on" date null, constraint "team_member_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "team_member_resident_id_index" on "team_member" ("resident_id");`);
    this.addSql(`create index "team_member_team_id_resident_id_index" on "team_member" ("team_id", "resident_id");`);

    this.addSql(
      `create table "programme_item" ("id" varchar(36) not null, "community_id" varchar(12) not null, "event_id" varchar(36) not null, "position" int not null, "title" varchar(200) not null, "form" varchar(50) not null, "team_id" varchar(36) null, "performers" varchar(200) null, "duration_minutes" int not null, constraint "programme_item_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "event_sponsor" ("id" varchar(36) not null, "community_id" varchar(12) not null, "event_id" varchar(36) not null, "organization_id" varchar(36) not null, "contribution" varchar(200) not null, "amount_fen" int null, constraint "event_sponsor_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "event_sponsor_organization_id_index" on "event_sponsor" ("organization_id");`);

    this.addSql(
      `create table "volunteer_shift" ("id" varchar(36) not null, "community_id" varchar(12) not null, "event_id" varchar(36) null, "role" varchar(100) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, constraint "volunteer_shift_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "volunteer_shift_community_id_index" on "volunteer_shift" ("community_id");`);

    this.addSql(
      `create table "volunteer_service" ("id" varchar(36) not null, "community_id" varchar(12) not null, "shift_id" varchar(36) not null, "resident_id" varchar(36) not null, "minutes" int not null, "served_on" date not null, "recorded_at" timestamptz not null, constraint "volunteer_service_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "volunteer_service_resident_id_index" on "volunteer_service" ("resident_id");`);
    this.addSql(
      `alter table "volunteer_service" add constraint "volunteer_service_shift_id_resident_id_unique" unique ("shift_id", "resident_id");`,
    );

    this.addSql(
      `alter table "team" add constraint "team_parent_id_foreign" foreign key ("parent_id") references "team" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "team_award" add constraint "team_award_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "team_member" add constraint "team_member_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "programme_item" add constraint "programme_item_event_id_foreign" foreign key ("event_id") references "community_event" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "programme_item" add constraint "programme_item_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "event_sponsor" add constraint "event_sponsor_event_id_foreign" foreign key ("event_id") references "community_event" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "volunteer_shift" add constraint "volunteer_shift_event_id_foreign" foreign key ("event_id") references "community_event" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "volunteer_service" add constraint "volunteer_service_shift_id_foreign" foreign key ("shift_id") references "volunteer_shift" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "venue" add column "owner_organization_id" varchar(36) null, add column "photo_urls" jsonb null, add column "opening_hours" varchar(100) null;`,
    );

    this.addSql(
      `alter table "community_event" add column "description" text null, add column "audience" varchar(30) not null default 'ALL', add column "organiser_kind" varchar(20) not null default 'DEPARTMENT', add column "organiser_department" varchar(30) null default 'CULTURE', add column "organiser_team_id" varchar(36) null, add column "organiser_organization_id" varchar(36) null, add column "rehearsal_for_id" varchar(36) null, add column "cancel_reason" varchar(200) null;`,
    );
    this.addSql(`create index "community_event_organiser_team_id_index" on "community_event" ("organiser_team_id");`);
    this.addSql(`create index "community_event_rehearsal_for_id_index" on "community_event" ("rehearsal_for_id");`);
    this.addSql(
      `create index "community_event_venue_id_starts_at_index" on "community_event" ("venue_id", "starts_at");`,
    );

    this.addSql(
      `alter table "registration" add column "attended_at" timestamptz null, add column "cancelled_at" timestamptz null, add column "cancel_reason" varchar(200) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "team" drop constraint "team_parent_id_foreign";`);

    this.addSql(`alter table "team_award" drop constraint "team_award_team_id_foreign";`);

    this.addSql(`alter table "team_member" drop constraint "team_member_team_id_foreign";`);

    this.addSql(`alter table "programme_item" drop constraint "programme_item_team_id_foreign";`);

    this.addSql(`alter table "volunteer_service" drop constraint "volunteer_service_shift_id_foreign";`);

    this.addSql(`drop table if exists "resident_profile" cascade;`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "team_award" cascade;`);

    this.addSql(`drop table if exists "team_member" cascade;`);

    this.addSql(`drop table if exists "programme_item" cascade;`);

    this.addSql(`drop table if exists "event_sponsor" cascade;`);

    this.addSql(`drop table if exists "volunteer_shift" cascade;`);

    this.addSql(`drop table if exists "volunteer_service" cascade;`);

    this.addSql(`drop index "community_event_organiser_team_id_index";`);
    this.addSql(`drop index "community_event_rehearsal_for_id_index";`);
    this.addSql(`drop index "community_event_venue_id_starts_at_index";`);
    this.addSql(
      `alter table "community_event" drop column "description", drop column "audience", drop column "organiser_kind", drop column "organiser_department", drop column "organiser_team_id", drop column "organiser_organization_id", drop column "rehearsal_for_id", drop column "cancel_reason";`,
    );

    this.addSql(
      `alter table "registration" drop column "attended_at", drop column "cancelled_at", drop column "cancel_reason";`,
    );

    this.addSql(
      `alter table "venue" drop column "owner_organization_id", drop column "photo_urls", drop column "opening_hours";`,
    );
  }
}
