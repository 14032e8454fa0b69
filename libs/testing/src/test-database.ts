import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export type TestDialect = 'sqlite' | 'postgresql';

/** Set by `npm test` (scripts/test.mjs) to the PostgreSQL server it started. */
export const TEST_POSTGRES_URL_VARIABLE = 'SHEQU_TEST_POSTGRES_URL';

/** Dialects persistence tests run against: SQLite always, PostgreSQL whenever `npm test` provides one. */
export function testDialects(): TestDialect[] {
  return process.env[TEST_POSTGRES_URL_VARIABLE] ? ['sqlite', 'postgresql'] : ['sqlite'];
}

export interface TestDatabaseLocation {
  dialect: TestDialect;
  dbName: string;
  clientUrl?: string;
}

/** A fresh, uniquely named database (a temp SQLite file, or a new PostgreSQL database created on first connect). */
export function testDatabaseLocation(dialect: TestDialect, label = 'test'): TestDatabaseLocation {
  const suffix = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  if (dialect === 'sqlite') return { dialect, dbName: join(tmpdir(), `shequ_${suffix}.sqlite`) };
  const base = process.env[TEST_POSTGRES_URL_VARIABLE];
  if (!base) throw new Error(`${TEST_POSTGRES_URL_VARIABLE} is not set: PostgreSQL tests run under \`npm test\``);
  const url = new URL(base);
  const dbName = `t_${suffix}`.slice(0, 63);
  url.pathname = `/${dbName}`;
  return { dialect, dbName, clientUrl: url.toString() };
}
