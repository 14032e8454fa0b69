import { SERVICES, type RunningSystem } from '../test/system.js';

/** The samples of metric `name` in a `/metrics` text: each line's labels (as written) and value. */
export function samplesOf(metrics: string, name: string): Array<{ labels: string; value: number }> {
  const samples: Array<{ labels: string; value: number }> = [];
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) samples.push({ labels: line.slice(name.length, line.lastIndexOf('}') + 1), value });
  }
  return samples;
}

/** Each scheduled task of a service and how many of its ticks have ended (`shequ_scheduled_task_ticks_total`). */
export function endedTicks(metrics: string): Map<string, number> {
  const ended = new Map<string, number>();
  for (const { labels, value } of samplesOf(metrics, 'shequ_scheduled_task_ticks_total')) {
    const task = /task="([^"]+)"/.exec(labels)?.[1];
    if (task) ended.set(task, (ended.get(task) ?? 0) + value);
  }
  return ended;
}

/** What a service still has to do with events: unpublished outbox rows and its durables' backlogs, by name. */
export function eventWork(metrics: string): string[] {
  const left: string[] = [];
  for (const { labels, value } of samplesOf(metrics, 'shequ_messaging_rows'))
    if (labels.includes('table="outbox_pending"') && value > 0) left.push(`${value} unpublished`);
  for (const { labels, value } of samplesOf(metrics, 'shequ_events_consumer_backlog'))
    if (value > 0) left.push(`${/consumer="([^"]+)"/.exec(labels)?.[1]}: ${value} to apply`);
  return left;
}

const metricsOf = async (system: RunningSystem, service: (typeof SERVICES)[number]) =>
  (await fetch(`http://127.0.0.1:${system.env[`${service.toUpperCase()}_PORT`]}/metrics`)).text();

/**
 * Waits until the system is settled, so that a measurement runs neither beside a first scan's backlog nor beside the
 * events it published: every scheduled task of every service has ended its first tick (ran, skipped or failed) — on
 * a freshly generated district, cases' proactive scan opens the tasks of every resident with a care category and
 * residents' due scan announces every permit and review falling due — and then every service has published its
 * outbox and applied what its durables were delivered, on two reads a second apart. Logs what it waits for once a
 * minute and returns the seconds waited for each part.
 */
export async function waitForSettledSystem(
  system: RunningSystem,
  timeoutMs = 4 * 3_600_000,
): Promise<{ scheduled: number; events: number }> {
  const started = Date.now();
  let logged = started;
  let scheduledAt: number | undefined;
  let quietReads = 0;
  for (;;) {
    const waiting: string[] = [];
    for (const service of SERVICES) {
      const metrics = await metricsOf(system, service);
      const ticks = endedTicks(metrics);
      if (scheduledAt === undefined) {
        if (ticks.size === 0) waiting.push(`${service} (no task listed yet)`);
        for (const [task, ended] of ticks) if (ended === 0) waiting.push(`${service}: ${task}`);
      } else waiting.push(...eventWork(metrics).map((work) => `${service} ${work}`));
    }
    const seconds = (Date.now() - started) / 1000;
    if (waiting.length === 0) {
      if (scheduledAt === undefined) scheduledAt = seconds;
      else if (++quietReads >= 2) return { scheduled: scheduledAt, events: seconds - scheduledAt };
    } else quietReads = 0;
    if (Date.now() - started > timeoutMs)
      throw new Error(`the system is not settled after ${seconds.toFixed(0)} s: ${waiting.join(', ')}`);
    if (waiting.length > 0 && Date.now() - logged >= 60_000) {
      logged = Date.now();
      console.log(`waiting ${seconds.toFixed(0)} s for the system to settle: ${waiting.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
