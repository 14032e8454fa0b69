import { Migration } from '@mikro-orm/migrations';

export class Migration20261130125527_residents_domain extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`community\` (\`id\` text not null, \`name\` text not null, \`street_code\` text not null, \`street_name\` text not null, \`district_code\` text not null, \`district_name\` text not null, primary key (\`id\`));`,
    );

    this.addSql(
      `create table \`organization\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`kind\` text not null, \`address\` text null, \`grid_id\` text null, \`member_count\` integer null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`organization_community_id_index\` on \`organization\` (\`community_id\`);`);

    this.addSql(
      `create table \`care_record\` (\`id\` text not null, \`community_id\` text not null, \`resident_id\` text not null, \`category\` text not null, \`started_on\` text not null, \`source\` text not null, \`grade\` text null, \`ended_on\` text null, \`end_reason\` text null, \`next_review_on\` text null, \`review_due_notified_for\` text null, constraint \`care_record_resident_id_foreign\` foreign key(\`resident_id\`) references \`resident\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`care_record_resident_id_index\` on \`care_record\` (\`resident_id\`);`);
    this.addSql(
      `create index \`care_record_community_id_next_review_on_index\` on \`care_record\` (\`community_id\`, \`next_review_on\`);`,
    );

    this.addSql(
      `create table \`care_review\` (\`id\` text not null, \`record_id\` text not null, \`outcome\` text not null, \`reviewed_on\` text not null, \`reviewer_staff_id\` text not null, \`note\` text null, \`next_review_on\` text null, constraint \`care_review_record_id_foreign\` foreign key(\`record_id\`) references \`care_record\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`care_review_record_id_index\` on \`care_review\` (\`record_id\`);`);

    this.addSql(
      `create table \`staff\` (\`id\` text not null, \`community_id\` text not null, \`name\` text not null, \`department\` text not null, \`position\` text not null, \`grid_ids\` text not null default ',', \`active\` integer not null default true, primary key (\`id\`));`,
    );
    this.addSql(`create index \`staff_community_id_index\` on \`staff\` (\`community_id\`);`);

    this.addSql(`alter table \`resident\` add column \`moved_in_on\` text null;`);
    this.addSql(`alter table \`resident\` add column \`moved_out_on\` text null;`);
    this.addSql(`alter table \`resident\` add column \`move_out_destination\` text null;`);
    this.addSql(`alter table \`resident\` add column \`died_on\` text null;`);
    this.addSql(`alter table \`resident\` add column \`permit_expiring_notified_for\` text null;`);
  }
}
