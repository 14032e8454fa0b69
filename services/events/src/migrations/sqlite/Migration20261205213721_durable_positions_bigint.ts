import { Migration } from '@mikro-orm/migrations';
import { INBOX_VERSION_BIGINT_SQL } from '@shequ/messaging';

/**
 * Record versions (and durables' stream positions) as 64-bit, still `WITHOUT ROWID` (SQLite only; the statements and
 * why: libs/messaging). PostgreSQL's migration of the same name is generated.
 */
export class Migration20261205213721_durable_positions_bigint extends Migration {
  override async up(): Promise<void> {
    for (const sql of INBOX_VERSION_BIGINT_SQL) this.addSql(sql);
  }
}
