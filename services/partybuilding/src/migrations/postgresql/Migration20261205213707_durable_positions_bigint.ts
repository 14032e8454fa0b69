import { Migration } from '@mikro-orm/migrations';

export class Migration20261205213707_durable_positions_bigint extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "inbox_projection_version" alter column "version" type bigint using ("version"::bigint);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "inbox_projection_version" alter column "version" type int4 using ("version"::int4);`);
  }

}
