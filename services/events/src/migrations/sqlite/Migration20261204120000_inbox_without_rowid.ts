import { Migration } from '@mikro-orm/migrations';
import { INBOX_WITHOUT_ROWID_SQL } from '@shequ/messaging';

/** The inbox and record versions as `WITHOUT ROWID` tables (SQLite only; the statements and why: libs/messaging). */
export class Migration20261204120000_inbox_without_rowid extends Migration {
  override async up(): Promise<void> {
    for (const sql of INBOX_WITHOUT_ROWID_SQL) this.addSql(sql);
  }
}
