import { SERVICES, type RunningSystem } from '../test/system.js';

/** Each scheduled task of a service and how many of its ticks have ended (`shequ_scheduled_task_ticks_total`). */
export function endedTicks(metrics: string): Map<string, number> {
  const ended = new Map<string, number>();
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('shequ_scheduled_task_ticks_total{')) continue;
    const task = /task="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (task && Number.isFinite(value)) ended.set(task, (ended.get(task) ?? 0) + value);
  }
  return ended;
}

/**
 * Waits until every scheduled task of every service has ended its first tick (ran, skipped or failed), so that a
 * measurement does not run beside a first scan's backlog — on a freshly generated district, cases' proactive scan
 * opens the tasks of every resident with a care category (minutes at a million residents). Logs what it waits for
 * once a minute and returns the seconds waited.
 */
export async function waitForFirstScheduledTicks(system: RunningSystem, timeoutMs = 4 * 3_600_000): Promise<number> {
  const started = Date.now();
  let logged = started;
  for (;;) {
    const waiting: string[] = [];
    for (const service of SERVICES) {
      const metrics = await (
        await fetch(`http://127.0.0.1:${system.env[`${service.toUpperCase()}_PORT`]}/metrics`)
      ).text();
      const ticks = endedTicks(metrics);
      if (ticks.size === 0) waiting.push(`${service} (no task listed yet)`);
      for (const [task, ended] of ticks) if (ended === 0) waiting.push(`${service}: ${task}`);
    }
    const seconds = (Date.now() - started) / 1000;
    if (waiting.length === 0) return seconds;
    if (Date.now() - started > timeoutMs)
      throw new Error(`scheduled tasks still on their first run after ${seconds.toFixed(0)} s: ${waiting.join(', ')}`);
    if (Date.now() - logged >= 60_000) {
      logged = Date.now();
      console.log(`waiting ${seconds.toFixed(0)} s for the first scheduled runs: ${waiting.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
