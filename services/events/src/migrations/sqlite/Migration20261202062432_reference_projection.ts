import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062432_reference_projection extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`reference_projection\` (\`kind\` text not null, \`id\` text not null, \`community_id\` text not null, \`status\` text not null default 'ACTIVE', \`parent_id\` text null, \`grid_id\` text null, \`department\` text null, \`grid_ids\` text not null default '', \`birth_date\` text null, \`source_occurred_at\` datetime not null, primary key (\`kind\`, \`id\`));`,
    );
    this.addSql(
      `create index \`reference_projection_community_id_kind_index\` on \`reference_projection\` (\`community_id\`, \`kind\`);`,
    );
  }
}
