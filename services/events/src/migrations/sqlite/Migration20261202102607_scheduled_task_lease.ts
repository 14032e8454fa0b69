import { Migration } from '@mikro-orm/migrations';

export class Migration20261202102607_scheduled_task_lease extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`scheduled_task_lease\` (\`task\` text not null, \`period_start\` bigint not null, \`holder\` text not null, primary key (\`task\`));`);
  }

}
