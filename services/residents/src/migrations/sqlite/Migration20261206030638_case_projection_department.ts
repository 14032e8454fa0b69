import { Migration } from '@mikro-orm/migrations';

export class Migration20261206030638_case_projection_department extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`case_projection\` add column \`department\` text null;`);
    // cases gives a case its department from its category when it opens it and never changes it: a 救助申请 is 保障站's
    this.addSql(`update \`case_projection\` set \`department\` = 'SOCIAL_SECURITY' where \`category\` = 'ASSISTANCE_APPLICATION';`);
  }

}
