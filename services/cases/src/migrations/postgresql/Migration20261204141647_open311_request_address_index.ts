import { Migration } from '@mikro-orm/migrations';

export class Migration20261204141647_open311_request_address_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "open311_request_address_id_index" on "open311_request" ("address_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "open311_request_address_id_index";`);
  }

}
