import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { PeriodicTask } from '../src/index.js';

/**
 * A service stops its scheduled scans and then closes its database: a scan that starts after the stop fails on the
 * closed connection ("Unable to acquire a connection", logged as `scheduled task failed` by a service stopped right
 * after it started).
 */
describe('PeriodicTask.stop', () => {
  const logger = pino({ level: 'silent' });

  it('cancels the first run when stopped before it started', async () => {
    let leases = 0;
    let runs = 0;
    const task = new PeriodicTask('scan', 60_000, async () => {
      runs += 1;
    });
    task.start(logger, async () => {
      leases += 1;
      return true;
    });
    await task.stop();
    // the turn in which the first tick was due, and a few more
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expect({ leases, runs }).toEqual({ leases: 0, runs: 0 });
  });

  it('awaits the run under way and starts no other', async () => {
    let release!: () => void;
    let runs = 0;
    const task = new PeriodicTask('scan', 5, async () => {
      runs += 1;
      await new Promise<void>((resolve) => (release = resolve));
    });
    task.start(logger);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(1);
  });
});
