import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { pino } from 'pino';
import { ormConfig } from '@shequ/database';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { claimTaskPeriod, PeriodicTask, schedulingEntities } from '../src/index.js';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe.each(testDialects())('scheduled scans run once per period across replicas (%s)', (dialect) => {
  // two replicas: two ORMs (two connection pools) on one database
  const replicas: MikroORM[] = [];

  beforeAll(async () => {
    const location = testDatabaseLocation(dialect, 'task_lease');
    for (let i = 0; i < 2; i++) {
      const orm = await MikroORM.init(
        ormConfig({ location, entities: schedulingEntities, migrations: { sqlite: [], postgresql: [] } }),
      );
      if (i === 0) await orm.schema.createSchema();
      replicas.push(orm);
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map((orm) => orm.close(true)));
  });

  const claim = (replica: number, task: string, now: Date) =>
    claimTaskPeriod(replicas[replica].em.fork(), { task, intervalMs: HOUR, now, holder: `replica-${replica}` });

  it('grants each period of a task to exactly one of replicas claiming at once, and the next period again', async () => {
    const first = await Promise.all([
      claim(0, 'overdue-scan', at('2026-12-02T08:00:05Z')),
      claim(1, 'overdue-scan', at('2026-12-02T08:00:07Z')),
      claim(0, 'overdue-scan', at('2026-12-02T08:59:59Z')),
      claim(1, 'overdue-scan', at('2026-12-02T08:30:00Z')),
    ]);
    expect(first.filter(Boolean)).toHaveLength(1);
    // the next hour is a new period: granted once more; an earlier one never again
    const next = await Promise.all([
      claim(1, 'overdue-scan', at('2026-12-02T09:00:01Z')),
      claim(0, 'overdue-scan', at('2026-12-02T09:10:00Z')),
    ]);
    expect(next.filter(Boolean)).toHaveLength(1);
    expect(await claim(0, 'overdue-scan', at('2026-12-02T08:45:00Z'))).toBe(false);
    // tasks are leased separately
    expect(await claim(1, 'proactive-scan', at('2026-12-02T09:10:00Z'))).toBe(true);
  });

  it('a PeriodicTask on two replicas runs once per period of real time', async () => {
    const intervalMs = 400;
    const runs: number[] = [];
    const logger = pino({ level: 'silent' });
    const tasks = [0, 1].map(
      (replica) =>
        new PeriodicTask('ticking-scan', intervalMs, async () => {
          runs.push(replica);
        }),
    );
    const started = Date.now();
    tasks.forEach((task, replica) =>
      task.start(logger, () =>
        claimTaskPeriod(replicas[replica].em.fork(), { task: task.name, intervalMs, now: new Date() }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    await Promise.all(tasks.map((task) => task.stop()));
    const periods = Math.floor(Date.now() / intervalMs) - Math.floor(started / intervalMs) + 1;
    // each replica ticked about 7 times; together they ran at most once per period (and missed at most one)
    expect(runs.length).toBeLessThanOrEqual(periods);
    expect(runs.length).toBeGreaterThanOrEqual(periods - 2);
  });
});
