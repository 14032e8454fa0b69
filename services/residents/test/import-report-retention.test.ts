import { mkdtempSync, existsSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  importReportPath,
  importReportRetentionFromEnv,
  pruneImportReports,
} from '../src/application/import-report-retention.js';

const DAY_MS = 86_400_000;

describe('import report files are kept for their retention, then deleted', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shequ-import-reports-'));
  const env = { SHEQU_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('deletes reports older than SHEQU_IMPORT_REPORT_RETENTION_DAYS and nothing else', async () => {
    const now = new Date('2027-03-10T08:00:00Z');
    const old = importReportPath('request-old', env);
    const fresh = importReportPath('request-fresh', env);
    const other = join(dataDir, 'import-reports', 'notes.txt');
    for (const path of [old, fresh, other]) writeFileSync(path, '{"row":1}\n');
    const eightDaysAgo = new Date(now.getTime() - 8 * DAY_MS);
    utimesSync(old, eightDaysAgo, eightDaysAgo);
    utimesSync(other, eightDaysAgo, eightDaysAgo);
    utimesSync(fresh, new Date(now.getTime() - DAY_MS), new Date(now.getTime() - DAY_MS));

    const retention = importReportRetentionFromEnv(env);
    expect(retention).toBe(7 * DAY_MS);
    expect(await pruneImportReports(join(dataDir, 'import-reports'), retention, now)).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(other)).toBe(true);
    // a shorter retention from the environment removes the day-old report too
    const oneHour = importReportRetentionFromEnv({ ...env, SHEQU_IMPORT_REPORT_RETENTION_DAYS: '0.5' });
    expect(await pruneImportReports(join(dataDir, 'import-reports'), oneHour, now)).toBe(1);
    expect(existsSync(fresh)).toBe(false);
  });

  it('names request ids safely inside the folder', () => {
    expect(importReportPath('../../etc/passwd', env)).toBe(
      join(dataDir, 'import-reports', 'residents-import-______etc_passwd.ndjson'),
    );
  });
});
