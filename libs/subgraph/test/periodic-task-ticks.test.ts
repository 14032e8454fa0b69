import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { PeriodicTask } from '../src/index.js';
import { startTestSubgraph, type TestSubgraph } from '../src/testing/index.js';
import { standInSubgraph } from './stand-in-subgraph.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a scheduled task’s ticks, as /metrics shows them', () => {
  const logger = pino({ level: 'silent' });

  it('counts each tick once it ends: ran, skipped (another replica has the period), failed', async () => {
    let fail = false;
    const task = new PeriodicTask('scan', 60_000, async () => {
      if (fail) throw new Error('扫描失败');
    });
    let grant = true;
    task.start(logger, async () => grant);
    await settle();
    expect(task.ticks).toEqual({ ran: 1, skipped: 0, failed: 0 });
    await task.stop();
    grant = false;
    task.start(logger, async () => grant);
    await settle();
    await task.stop();
    grant = true;
    fail = true;
    task.start(logger, async () => grant);
    await settle();
    await task.stop();
    expect(task.ticks).toEqual({ ran: 1, skipped: 1, failed: 1 });
    expect(task.busy).toBe(false);
  });

  let subgraph: TestSubgraph | undefined;
  afterAll(() => subgraph?.stop());

  it('is busy while its first run is under way, and counted as ran when it ends', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const definition = standInSubgraph({
      scheduledTasks: () => [new PeriodicTask('backlog-scan', 3_600_000, () => released)],
    });
    subgraph = await startTestSubgraph(definition, { registeredCommunities: [] });
    // no migrations of its own: the outbox and inbox tables /metrics counts, from the entities
    await subgraph.orm.schema.updateSchema();
    const metrics = async () => {
      const text = await (await fetch(subgraph!.http.url.replace(/graphql$/, 'metrics'))).text();
      const value = (name: string, ...labels: string[]) =>
        Number(
          text
            .split('\n')
            .find((line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)))
            ?.split(' ')
            .at(-1),
        );
      return {
        busy: value('shequ_scheduled_task_busy', 'task="backlog-scan"'),
        ran: value('shequ_scheduled_task_ticks_total', 'task="backlog-scan"', 'outcome="ran"'),
      };
    };
    await settle();
    expect(await metrics()).toEqual({ busy: 1, ran: 0 });
    release();
    await settle();
    expect(await metrics()).toEqual({ busy: 0, ran: 1 });
  });
});
