import { mkdirSync } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The names the API gives report files: nothing else in the folder is touched. */
const REPORT_FILE = /^residents-import-[\w-]+\.(ndjson|csv)$/;

/** Where API imports write their per-row reports: `<SHEQU_DATA_DIR>/import-reports` (created when missing). */
export function importReportDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const { SHEQU_DATA_DIR } = readEnvironment(pickVariables(ENVIRONMENT, ['SHEQU_DATA_DIR']), env);
  const dir = resolve(SHEQU_DATA_DIR, 'import-reports');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The report file of one API import request. */
export const importReportPath = (requestId: string, env: NodeJS.ProcessEnv = process.env): string =>
  join(importReportDirectory(env), `residents-import-${requestId.replace(/[^\w-]/g, '_')}.ndjson`);

/** How long report files are kept: `SHEQU_IMPORT_REPORT_RETENTION_DAYS` (default 7), in milliseconds. */
export function importReportRetentionFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const { SHEQU_IMPORT_REPORT_RETENTION_DAYS } = readEnvironment(
    pickVariables(ENVIRONMENT, ['SHEQU_IMPORT_REPORT_RETENTION_DAYS']),
    env,
  );
  return SHEQU_IMPORT_REPORT_RETENTION_DAYS * DAY_MS;
}

/**
 * Deletes the report files written before `now − retentionMs` (they name residents and rows of a register:
 * kept only as long as an operator needs them); returns how many. A file that vanished meanwhile is skipped.
 */
export async function pruneImportReports(dir: string, retentionMs: number, now: Date): Promise<number> {
  const cutoff = now.getTime() - retentionMs;
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!REPORT_FILE.test(name)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile() || info.mtimeMs >= cutoff) continue;
    await unlink(path).then(
      () => (removed += 1),
      () => undefined,
    );
  }
  return removed;
}
