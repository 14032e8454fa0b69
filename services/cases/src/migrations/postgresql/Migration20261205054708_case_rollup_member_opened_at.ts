import { Migration } from '@mikro-orm/migrations';

export class Migration20261205054708_case_rollup_member_opened_at extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "case_rollup_member" add column "opened_at" timestamptz null;`);
    // each counted case's opening time (new members get it from the rollup's refresh)
    this.addSql(
      `update "case_rollup_member" m set "opened_at" = c."opened_at" from "case_record" c where c."id" = m."member_id";`,
    );
    this.addSql(`create index "case_rollup_member_opened_at_index" on "case_rollup_member" ("opened_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "case_rollup_member_opened_at_index";`);
    this.addSql(`alter table "case_rollup_member" drop column "opened_at";`);
  }

}
