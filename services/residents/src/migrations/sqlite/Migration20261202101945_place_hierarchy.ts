import { Migration } from '@mikro-orm/migrations';

export class Migration20261202101945_place_hierarchy extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`building_grid_change\` (\`id\` text not null, \`community_id\` text not null, \`building_id\` text not null, \`from_grid_id\` text not null, \`to_grid_id\` text not null, \`moved_on\` text not null, \`changed_at\` datetime not null, \`changed_by\` text not null, \`reason\` text null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`building_grid_change_community_id_index\` on \`building_grid_change\` (\`community_id\`);`,
    );
    this.addSql(
      `create index \`building_grid_change_building_id_changed_at_index\` on \`building_grid_change\` (\`building_id\`, \`changed_at\`);`,
    );

    this.addSql(`create table \`district\` (\`id\` text not null, \`name\` text not null, primary key (\`id\`));`);

    this.addSql(
      `create table \`street\` (\`id\` text not null, \`name\` text not null, \`district_code\` text not null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`street_district_code_index\` on \`street\` (\`district_code\`);`);

    // Communities registered before the hierarchy was data: their street and district become rows.
    this.addSql(
      `insert into \`district\` (\`id\`, \`name\`) select distinct \`district_code\`, min(\`district_name\`) from \`community\` group by \`district_code\`;`,
    );
    this.addSql(
      `insert into \`street\` (\`id\`, \`name\`, \`district_code\`) select \`street_code\`, min(\`street_name\`), min(\`district_code\`) from \`community\` group by \`street_code\`;`,
    );
  }
}
