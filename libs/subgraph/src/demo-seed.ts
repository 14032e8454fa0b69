import { spawn } from 'node:child_process';
import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '@shequ/server';
import type { ServiceDependencies } from './subgraph-service.js';
import { THIS_REPLICA } from './scheduled-task-lease.js';

/**
 * What a demo seed may use: the database, the outbox (its events are published by the service's relay once the
 * service runs), the clock, the logger and the configuration; no bus, no API keys (a seed may run in a child process
 * that never connects to NATS).
 */
export type DemoSeedDependencies = Pick<ServiceDependencies, 'config' | 'orm' | 'outbox' | 'clock' | 'logger'>;

/** Set in the environment of the child process that only seeds (the service's own entry, run again). */
export const DEMO_SEED_CHILD_VARIABLE = 'SHEQU_DEMO_SEED_CHILD';

/**
 * The row of `scheduled_task_lease` that says the demo seed ran to its end in this database: a service started with
 * `SHEQU_SEED=demo` and existing data finds it and starts no seed process (one indexed look-up).
 */
export const DEMO_SEED_MARKER = 'demo-seed';

export function isDemoSeedChild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[DEMO_SEED_CHILD_VARIABLE] === '1';
}

export async function demoSeedDone(em: EntityManager): Promise<boolean> {
  const rows = (await em
    .getConnection()
    .execute('select task from scheduled_task_lease where task = ?', [DEMO_SEED_MARKER], 'all')) as unknown[];
  return rows.length > 0;
}

export async function markDemoSeedDone(em: EntityManager, now: Date): Promise<void> {
  await em
    .getConnection()
    .execute(
      'insert into scheduled_task_lease (task, period_start, holder) values (?, ?, ?) on conflict (task) do nothing',
      [DEMO_SEED_MARKER, now.getTime(), THIS_REPLICA],
      'run',
    );
}

/**
 * Runs this process's own entry again (same Node flags, same environment plus {@link DEMO_SEED_CHILD_VARIABLE}) as
 * a child process that only seeds the demo data, and waits for it to exit. The seed's modules (the demo community,
 * the district generator's writers), its entities and its garbage live and die in the child: the service process
 * never holds them, so its heap after start is that of a service with existing data. The child stops when this
 * process exits (SHEQU_PARENT_PID), and is killed if this process is told to stop while it seeds.
 */
export function seedInChildProcess(service: string, logger: Logger): Promise<void> {
  const entry = process.argv[1];
  if (!entry) return Promise.reject(new Error(`${service}: no entry script to run the demo seed with`));
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, [...process.execArgv, entry], {
      env: { ...process.env, [DEMO_SEED_CHILD_VARIABLE]: '1', SHEQU_PARENT_PID: String(process.pid) },
      stdio: 'inherit',
    });
    const stopChild = () => child.kill('SIGTERM');
    process.once('exit', stopChild);
    logger.info({ pid: child.pid }, 'demo seed: running in a child process');
    child.once('error', (error) => {
      process.off('exit', stopChild);
      reject(new Error(`${service}: cannot start the demo seed process: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      process.off('exit', stopChild);
      if (code === 0) {
        logger.info({ seconds: Math.round(performance.now() - startedAt) / 1000 }, 'demo seed: done');
        resolve();
      } else reject(new Error(`${service}: the demo seed process failed (${signal ?? `exit ${code}`})`));
    });
  });
}
