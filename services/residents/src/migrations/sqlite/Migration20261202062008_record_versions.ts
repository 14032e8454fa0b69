import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062008_record_versions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`outbox_aggregate_version\` (\`aggregate\` text not null, \`aggregate_id\` text not null, \`version\` integer not null, primary key (\`aggregate\`, \`aggregate_id\`));`,
    );

    this.addSql(
      `create table \`inbox_projection_version\` (\`consumer\` text not null, \`aggregate\` text not null, \`aggregate_id\` text not null, \`version\` integer not null, primary key (\`consumer\`, \`aggregate\`, \`aggregate_id\`));`,
    );
  }
}
