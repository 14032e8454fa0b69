import { Migration } from '@mikro-orm/migrations';

export class Migration20261202074032_fund_reference_projections extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`case_projection\` (\`case_id\` text not null, \`community_id\` text not null, \`category\` text not null, \`status\` text not null, \`updated_at\` datetime not null, primary key (\`case_id\`));`,
    );

    this.addSql(
      `create table \`community_event_projection\` (\`event_id\` text not null, \`community_id\` text not null, \`status\` text not null, \`updated_at\` datetime not null, primary key (\`event_id\`));`,
    );
  }
}
