import { Migration } from '@mikro-orm/migrations';

export class Migration20261204152340_team_name_unique extends Migration {
  override async up(): Promise<void> {
    // teams of one community that share a name (allowed until now): the one with the smallest id keeps the name, the
    // others are renamed 「名称（重名 编号前 8 位）」 so that the index can be built (whatever order the rows are
    // updated in, the smallest id keeps the name); nothing refers to a team by its name
    this.addSql(
      `update team set name = substr(name, 1, 80) || '（重名 ' || substr(id, 1, 8) || '）' where exists (select 1 from team other where other.community_id = team.community_id and other.name = team.name and other.id < team.id);`,
    );
    this.addSql(`alter table "team" add constraint "team_community_id_name_unique" unique ("community_id", "name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "team" drop constraint "team_community_id_name_unique";`);
  }
}
