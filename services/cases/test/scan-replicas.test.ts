import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shequ/database';
import { schedulingEntities } from '@shequ/subgraph';
import {
  freePort,
  startNatsServer,
  startProcess,
  tempDir,
  testDatabaseLocation,
  testDialects,
  waitFor,
  type NatsServerHandle,
  type RunningProcess,
  type TempDir,
} from '@shequ/testing';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const SCAN_MS = 1_000;

async function ready(port: string): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Issue 14: scheduled scans ran in every replica. Two cases processes start at once on one fresh database (so they
 * also migrate it at once) and tick the overdue scan every second: together they run it at most once per second.
 */
describe.each(testDialects())('two replicas of cases on one database (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let data: TempDir;
  const replicas: RunningProcess[] = [];

  beforeAll(async () => {
    data = tempDir('shequ-cases-replicas-');
    nats = await startNatsServer({ storeDir: `${data.path}/nats` });
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await nats?.dispose();
    data?.remove();
  });

  it('migrate once and run the overdue scan on one replica per period', { timeout: 300_000 }, async () => {
    const location = testDatabaseLocation(dialect, 'cases_replicas');
    if (dialect === 'postgresql') {
      // the database exists before both start (what is raced here is the migration, not CREATE DATABASE)
      const settings = { location, entities: schedulingEntities, migrations: { sqlite: [], postgresql: [] } };
      await (await openDatabase(settings)).close(true);
    }
    const runs: number[] = [];
    const ports: string[] = [];
    for (const replica of [0, 1]) {
      const port = String(await freePort());
      ports.push(port);
      const child = startProcess(`cases-${replica}`, process.execPath, [MAIN], {
        env: {
          ...process.env,
          NATS_PORT: String(nats.port),
          SHEQU_DATA_DIR: data.path, // SQLite: both use <data>/cases.sqlite
          SHEQU_SEED: 'none',
          LOG_LEVEL: 'debug',
          CASES_PORT: port,
          SHEQU_CASES_OVERDUE_SCAN_MS: String(SCAN_MS),
          ...(dialect === 'postgresql' ? { CASES_DATABASE_URL: location.clientUrl } : {}),
        },
      });
      let partial = '';
      child.child.stdout?.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines)
          if (line.includes('"task":"cases-overdue-scan"') && line.includes('scheduled task ran')) runs.push(replica);
      });
      replicas.push(child);
    }
    for (const [i, port] of ports.entries())
      await waitFor(() => ready(port), { timeoutMs: 150_000, intervalMs: 200, what: `replica ${i} ready` }).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${replicas[i].output()}`);
        },
      );
    // both are up and ticking: count over a window of whole periods
    const from = runs.length;
    const start = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6 * SCAN_MS));
    const periods = Math.floor(Date.now() / SCAN_MS) - Math.floor(start / SCAN_MS) + 1;
    const inWindow = runs.slice(from);
    // each replica ticked about 6 times (12 runs without the lease); together at most once per period
    expect(inWindow.length, replicas.map((r) => r.output().slice(-2_000)).join('\n')).toBeLessThanOrEqual(periods);
    expect(inWindow.length).toBeGreaterThanOrEqual(periods - 2);
    for (const replica of replicas) expect(replica.child.exitCode).toBeNull();
  });
});
