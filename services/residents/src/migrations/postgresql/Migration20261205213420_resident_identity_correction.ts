import { Migration } from '@mikro-orm/migrations';

export class Migration20261205213420_resident_identity_correction extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "resident_identity_correction" ("id" varchar(36) not null, "community_id" varchar(12) not null, "resident_id" varchar(36) not null, "changed_fields" varchar(100) not null, "corrected_at" timestamptz not null, "corrected_by" varchar(100) not null, "reason" varchar(200) not null, constraint "resident_identity_correction_pkey" primary key ("id"));`);
    this.addSql(`create index "resident_identity_correction_community_id_index" on "resident_identity_correction" ("community_id");`);
    this.addSql(`create index "resident_identity_correction_resident_id_corrected_at_index" on "resident_identity_correction" ("resident_id", "corrected_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_identity_correction" cascade;`);
  }

}
