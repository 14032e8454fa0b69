import { hostname } from 'node:os';
import { EntitySchema, type EntityManager } from '@mikro-orm/core';

/**
 * The lease of a scheduled scan (`scheduled_task_lease`): which period of the task was last claimed, and by whom.
 * A period is the interval-long slice of time a tick falls in (`floor(now / intervalMs)`): whichever replica
 * ticks first in a period claims it and runs the scan; the others find it claimed and skip. One row per task.
 */
export class ScheduledTaskLease {
  task!: string;
  /** Start of the claimed period, in milliseconds since the epoch. */
  periodStart!: string;
  /** `<host>:<pid>` of the replica that claimed it (for diagnosis). */
  holder!: string;
}

export const ScheduledTaskLeaseSchema = new EntitySchema<ScheduledTaskLease>({
  class: ScheduledTaskLease,
  tableName: 'scheduled_task_lease',
  properties: {
    task: { type: 'string', length: 100, primary: true },
    periodStart: { type: 'bigint' },
    holder: { type: 'string', length: 200 },
  },
});

export const schedulingEntities = [ScheduledTaskLeaseSchema];

/** This process, as it appears in `scheduled_task_lease.holder`. */
export const THIS_REPLICA = `${hostname()}:${process.pid}`;

/** The start (ms since the epoch) of the period of `intervalMs` that `now` falls in. */
export function periodStart(now: Date, intervalMs: number): number {
  return Math.floor(now.getTime() / intervalMs) * intervalMs;
}

/**
 * Claims the period of `now` for `task`: true for exactly one caller per task and period, across replicas sharing
 * the database. One atomic statement on SQLite and PostgreSQL (an upsert that only moves the period forward; on
 * PostgreSQL a second replica's upsert waits for the first's row lock, then finds the period taken).
 */
export async function claimTaskPeriod(
  em: EntityManager,
  claim: { task: string; intervalMs: number; now: Date; holder?: string },
): Promise<boolean> {
  const start = periodStart(claim.now, claim.intervalMs);
  const rows = (await em
    .getConnection()
    .execute(
      'insert into scheduled_task_lease (task, period_start, holder) values (?, ?, ?) ' +
        'on conflict (task) do update set period_start = excluded.period_start, holder = excluded.holder ' +
        'where scheduled_task_lease.period_start < excluded.period_start returning task',
      [claim.task, start, claim.holder ?? THIS_REPLICA],
      'all',
    )) as unknown[];
  return rows.length > 0;
}
