import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125528_residents_domain extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "community" ("id" varchar(12) not null, "name" varchar(100) not null, "street_code" varchar(9) not null, "street_name" varchar(100) not null, "district_code" varchar(6) not null, "district_name" varchar(100) not null, constraint "community_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "organization" ("id" varchar(36) not null, "community_id" varchar(12) not null, "name" varchar(100) not null, "kind" varchar(30) not null, "address" varchar(200) null, "grid_id" varchar(36) null, "member_count" int null, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organization_community_id_index" on "organization" ("community_id");`);

    this.addSql(
      `create table "care_record" ("id" varchar(36) not null, "community_id" varchar(12) not null, "resident_id" varchar(36) not null, "category" varchar(30) not null, "started_on" varchar(10) not null, "source" varchar(100) not null, "grade" varchar(20) null, "ended_on" varchar(10) null, "end_reason" varchar(200) null, "next_review_on" varchar(10) null, "review_due_notified_for" varchar(10) null, constraint "care_record_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "care_record_community_id_next_review_on_index" on "care_record" ("community_id", "next_review_on");`,
    );

    this.addSql(
      `create table "care_review" ("id" varchar(36) not null, "record_id" varchar(36) not null, "outcome" varchar(10) not null, "reviewed_on" varchar(10) not null, "reviewer_staff_id" varchar(36) not null, "note" varchar(500) null, "next_review_on" varchar(10) null, constraint "care_review_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "staff" ("id" varchar(36) not null, "community_id" varchar(12) not null, "name" varchar(50) not null, "department" varchar(30) not null, "position" varchar(50) not null, "grid_ids" varchar(1000) not null default ',', "active" boolean not null default true, constraint "staff_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "staff_community_id_index" on "staff" ("community_id");`);

    this.addSql(
      `alter table "care_record" add constraint "care_record_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "care_review" add constraint "care_review_record_id_foreign" foreign key ("record_id") references "care_record" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "resident" add column "moved_in_on" varchar(10) null, add column "moved_out_on" varchar(10) null, add column "move_out_destination" varchar(100) null, add column "died_on" varchar(10) null, add column "permit_expiring_notified_for" varchar(10) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "care_review" drop constraint "care_review_record_id_foreign";`);

    this.addSql(`drop table if exists "community" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "care_record" cascade;`);

    this.addSql(`drop table if exists "care_review" cascade;`);

    this.addSql(`drop table if exists "staff" cascade;`);

    this.addSql(
      `alter table "resident" drop column "moved_in_on", drop column "moved_out_on", drop column "move_out_destination", drop column "died_on", drop column "permit_expiring_notified_for";`,
    );
  }
}
