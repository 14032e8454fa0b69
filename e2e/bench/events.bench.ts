/**
 * Events at the speed of the bus: raw JetStream publish → consume against commit → applied through two real
 * services (residents commits units of work that record `resident.registered`, its relay publishes them, cases'
 * consumer applies them), each side as two processes on the same nats-server, in interleaved rounds:
 * - latency at a steady rate (BENCH_EVENT_RATE, default 1,000 events/s): p50 / p95 / p99;
 * - rate with BENCH_EVENT_IN_FLIGHT (16) producers one event at a time (publish awaiting its ack / one transaction
 *   per event), first produced to last consumed;
 * - CPU time per event of the producing and the consuming process and of nats-server (`/proc/<pid>/stat`) within the
 *   steady and the closed-loop rounds (the time between rounds left out; the last line keeps every process's CPU
 *   over the whole run): on the 2-core machine the rate with 16 producers is bounded by their sum;
 * - the largest RSS of every process during the rounds;
 * - commit → applied at the steady rate by stage, where the tree reports them (commit → the relay hands the row to the
 *   connection, publish → ack, publish → the consumer receives it, receive → its transaction committed).
 * Run with `npm run bench` (root, through turbo) or `npm run bench` in e2e/. Not part of `npm test`.
 * BENCH_EVENT_STEADY_ONLY=1 runs only the services' steady rounds (no raw JetStream path, no closed-loop rounds; the
 * raw processes still start): a profile (BENCH_CPU_PROF_DIR) of residents or cases then holds the steady rate alone.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, tempDir, waitFor, type NatsServerHandle, type TempDir } from '@shequ/testing';
import { percentile } from './measure.js';
import { NODE_FLAGS, NODE_FLAGS_ENV } from '../test/system.js';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const RATE = number('BENCH_EVENT_RATE', 1_000);
const EVENTS = number('BENCH_EVENTS', 3_000);
const ROUNDS = number('BENCH_EVENT_ROUNDS', 3);
const IN_FLIGHT = number('BENCH_EVENT_IN_FLIGHT', 16);
const STEADY_ONLY = Boolean(process.env.BENCH_EVENT_STEADY_ONLY);

/**
 * The flags `npm start` runs the services with (scripts/node-flags.json); with BENCH_CPU_PROF_DIR every process of
 * the benchmark also writes a CPU profile there when it stops (`node --cpu-prof`: open it in Chrome DevTools).
 */
const PROCESS_FLAGS = [
  ...NODE_FLAGS,
  ...(process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : []),
  ...(process.env.BENCH_EXPOSE_GC ? ['--expose-gc'] : []),
  ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
];
const SCRIPT = fileURLToPath(new URL('./event-process.mjs', import.meta.url));

interface Child {
  name: string;
  process: ChildProcess;
  ask<T = any>(message: Record<string, unknown>, reply: string): Promise<T>;
}

async function startChild(name: string, env: NodeJS.ProcessEnv): Promise<Child> {
  const child = fork(SCRIPT, [], {
    execArgv: PROCESS_FLAGS,
    env: { ...process.env, ...NODE_FLAGS_ENV, ...env, BENCH_MODE: name },
    stdio: 'inherit',
  });
  const ask = <T>(message: Record<string, unknown>, reply: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (answer: any) => {
        if (answer?.cmd !== reply) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(answer as T);
      };
      const onExit = (code: number | null) => reject(new Error(`${name} exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      if (Object.keys(message).length > 0) child.send(message);
    });
  await ask({}, 'ready');
  return { name, process: child, ask };
}

interface Path {
  name: string;
  producer: Child;
  consumer: Child;
}

interface RoundFigures {
  events: number;
  seconds: number;
  perSecond: number;
  /** The producing side's own span: first publish call / unit of work started → last one acknowledged / committed. */
  producedSeconds: number;
  latencies: number[];
  /** Per stage between commit and applied (where the tree reports them), the time of each event in ms. */
  stages: Map<string, number[]>;
  /** CPU time of the producing and the consuming process and of nats-server during the round, in ms. */
  cpuMs: { producer: number; consumer: number; server: number };
}

const cpuOf = async (child: Child) => (await child.ask<{ cpuMs: number }>({ cmd: 'cpu' }, 'cpu')).cpuMs;

/** Clock ticks per second of `/proc/<pid>/stat`'s CPU times. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * nats-server's CPU time so far (user + system, ms), from `/proc/<pid>/stat` (Linux; 0 elsewhere): both paths
 * publish through the one server, one round at a time, so its CPU within a round is that path's share of it.
 */
function serverCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The stages of commit → applied, from the times the processes report (see event-process.mjs). */
const STAGES = [
  'commit → publish',
  'publish → ack',
  'commit → ack',
  'publish → consumer receive',
  'receive → applied commit',
] as const;

type StageTimes = Record<'published' | 'acked' | 'received', [string, number][]>;

/** One round: produce `count` events, wait until every one is consumed, pair the times by event id. */
async function round(
  path: Path,
  count: number,
  load: { rate?: number; inFlight?: number },
  id: string,
  serverPid: number | undefined,
): Promise<RoundFigures> {
  const cpuBefore = {
    producer: await cpuOf(path.producer),
    consumer: await cpuOf(path.consumer),
    server: serverCpuMs(serverPid),
  };
  await path.producer.ask({ cmd: 'produce', count, round: id, ...load }, 'produced');
  await waitFor(async () => (await path.consumer.ask<{ count: number }>({ cmd: 'count' }, 'count')).count >= count, {
    timeoutMs: 300_000,
    intervalMs: 100,
    what: `${path.name}: ${count} events consumed`,
  });
  const cpuMs = {
    producer: (await cpuOf(path.producer)) - cpuBefore.producer,
    consumer: (await cpuOf(path.consumer)) - cpuBefore.consumer,
    server: serverCpuMs(serverPid) - cpuBefore.server,
  };
  const producer = await path.producer.ask<{
    times: [string, { started: number; done: number }][];
    stages?: StageTimes;
  }>({ cmd: 'collect' }, 'collected');
  const consumer = await path.consumer.ask<{ times: [string, number][]; stages?: StageTimes }>(
    { cmd: 'collect' },
    'collected',
  );
  const produced = new Map(producer.times);
  const consumed = new Map(consumer.times);
  const published = new Map(producer.stages?.published ?? []);
  const acked = new Map(producer.stages?.acked ?? []);
  const received = new Map(consumer.stages?.received ?? []);
  const stages = new Map<string, number[]>(STAGES.map((stage) => [stage, []]));
  const latencies: number[] = [];
  let first = Infinity;
  let last = 0;
  let lastProduced = 0;
  for (const [eventId, times] of produced) {
    const at = consumed.get(eventId);
    if (at === undefined) continue;
    // raw: from the publish call (the message may arrive before its ack); services: from the commit
    latencies.push(at - (path.name === 'raw JetStream' ? times.started : times.done));
    const [publish, ack, receive] = [published.get(eventId), acked.get(eventId), received.get(eventId)];
    if (publish !== undefined) {
      stages.get('commit → publish')!.push(publish - times.done);
      if (ack !== undefined) stages.get('publish → ack')!.push(ack - publish);
      if (receive !== undefined) stages.get('publish → consumer receive')!.push(receive - publish);
    }
    if (ack !== undefined) stages.get('commit → ack')!.push(ack - times.done);
    if (receive !== undefined) stages.get('receive → applied commit')!.push(at - receive);
    first = Math.min(first, times.started);
    last = Math.max(last, at);
    lastProduced = Math.max(lastProduced, times.done);
  }
  const seconds = (last - first) / 1000;
  const producedSeconds = (lastProduced - first) / 1000;
  return {
    events: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    producedSeconds,
    latencies,
    stages,
    cpuMs,
  };
}

function merge(rounds: RoundFigures[]) {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const events = rounds.reduce((sum, r) => sum + r.events, 0);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  return {
    events,
    perSecond: events / seconds,
    producedPerSecond: events / rounds.reduce((sum, r) => sum + r.producedSeconds, 0),
    // CPU per event of each side within the rounds (not the idle time between them)
    producerCpu: rounds.reduce((sum, r) => sum + r.cpuMs.producer, 0) / events,
    consumerCpu: rounds.reduce((sum, r) => sum + r.cpuMs.consumer, 0) / events,
    serverCpu: rounds.reduce((sum, r) => sum + r.cpuMs.server, 0) / events,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/**
 * With BENCH_MEMORY_DIR (see event-process.mjs): after the warm-up and after every round each process's live heap after
 * a full collection is printed (with BENCH_EXPOSE_GC the processes run with --expose-gc; BENCH_HEAP_SNAPSHOTS writes
 * a heap snapshot there as well), so that what a round leaves behind shows as growth from one to the next.
 * Collections and snapshots take time and snapshots raise RSS for good: not for the timing and RSS figures.
 */
async function heapSnapshots(children: Child[], label: string) {
  if (!process.env.BENCH_MEMORY_DIR) return;
  for (const child of children) {
    const figures = await child.ask<Record<string, number>>({ cmd: 'heap-snapshot', label }, 'heap-snapshot');
    process.stdout.write(
      `${label} ${child.name}: rss ${figures.rss} MB, heap used ${figures.heapUsed} of ${figures.heapTotal}, ` +
        `external ${figures.external}, array buffers ${figures.arrayBuffers}\n`,
    );
  }
}

const ms = (value: number) => value.toFixed(1);
const cpu = (value: number) => value.toFixed(2);
/** The machine's 1-minute load average: figures taken on a busy machine say so. */
const loadAverage = () => os.loadavg()[0].toFixed(1);

describe('events: raw JetStream publish → consume vs commit → applied through residents → cases', () => {
  let nats: NatsServerHandle;
  let data: TempDir;
  let paths: Path[] = [];
  const children: Child[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    data = tempDir('shequ-bench-events-');
    const env = { NATS_URL: nats.url, BENCH_DATA_DIR: data.path, SHEQU_SEED: 'none', LOG_LEVEL: 'warn' };
    for (const name of ['raw-consumer', 'raw-publisher', 'cases', 'residents'])
      children.push(await startChild(name, env));
    const [rawConsumer, rawPublisher, cases, residents] = children;
    paths = [
      ...(STEADY_ONLY ? [] : [{ name: 'raw JetStream', producer: rawPublisher, consumer: rawConsumer }]),
      { name: 'residents → cases', producer: residents, consumer: cases },
    ];
  }, 600_000);

  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            child.process.once('exit', () => resolve());
            child.process.send({ cmd: 'stop' });
            setTimeout(() => child.process.kill(), 10_000).unref();
          }),
      ),
    );
    await nats?.dispose();
    data?.remove();
  });

  it(`latency at ${RATE} events/s and rate with ${IN_FLIGHT} producers, interleaved`, async () => {
    const loadBefore = loadAverage();
    // warm-up: JIT, SQLite pages, consumers created
    for (const path of paths) await round(path, Math.min(500, EVENTS), { rate: RATE }, 'warmup', nats.pid);
    const serverBefore = serverCpuMs(nats.pid);
    const cpuBefore = new Map<string, number>();
    for (const child of children)
      cpuBefore.set(
        child.name,
        (await child.ask<{ cpuMs: number }>({ cmd: 'collect', resetPeak: true }, 'collected')).cpuMs,
      );

    await heapSnapshots(children, 'after-warmup');
    const steady = new Map<string, RoundFigures[]>(paths.map((p) => [p.name, []]));
    const flat = new Map<string, RoundFigures[]>(paths.map((p) => [p.name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const path of paths)
        steady.get(path.name)!.push(await round(path, EVENTS, { rate: RATE }, `steady${r}`, nats.pid));
      if (STEADY_ONLY) continue;
      for (const path of paths)
        flat.get(path.name)!.push(await round(path, EVENTS, { inFlight: IN_FLIGHT }, `flat${r}`, nats.pid));
      await heapSnapshots(children, `after-round-${r}`);
    }
    const memory = await Promise.all(
      children.map(async (child) => ({
        name: child.name,
        ...(await child.ask<{ maxRss: number; cpuMs: number }>({ cmd: 'collect' }, 'collected')),
      })),
    );
    const serverCpu = serverCpuMs(nats.pid) - serverBefore;

    const lines = [
      `Events (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, SQLite, ` +
        `${ROUNDS} interleaved rounds of ${EVENTS} events; load average before ${loadBefore}, after ${loadAverage()})`,
      '',
      `| path | at ${RATE}/s: p50 ms | p95 ms | p99 ms | rate, ${IN_FLIGHT} producers (events/s) | CPU ms/event at ${RATE}/s: producer, consumer, nats-server | with ${IN_FLIGHT} producers |`,
      '|---|--:|--:|--:|--:|--:|--:|',
    ];
    const figures = paths.map((path) => ({
      name: path.name,
      steady: merge(steady.get(path.name)!),
      flat: merge(flat.get(path.name)!),
    }));
    for (const f of figures)
      lines.push(
        `| ${f.name} | ${ms(f.steady.p50)} | ${ms(f.steady.p95)} | ${ms(f.steady.p99)} | ${Math.round(f.flat.perSecond)} | ` +
          `${cpu(f.steady.producerCpu)}, ${cpu(f.steady.consumerCpu)}, ${cpu(f.steady.serverCpu)} | ` +
          `${cpu(f.flat.producerCpu)}, ${cpu(f.flat.consumerCpu)}, ${cpu(f.flat.serverCpu)} |`,
      );
    const services = figures[figures.length - 1];
    const raw = STEADY_ONLY ? undefined : figures[0];
    // where commit → applied goes, at the steady rate (stages the tree does not report are left out)
    const stageLines = STAGES.flatMap((stage) => {
      const times = steady
        .get('residents → cases')!
        .flatMap((r) => r.stages.get(stage) ?? [])
        .sort((a, b) => a - b);
      return times.length === 0
        ? []
        : [`| ${stage} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(percentile(times, 99))} |`];
    });
    if (stageLines.length > 0)
      lines.push(
        '',
        `residents → cases at ${RATE}/s, by stage:`,
        '',
        '| stage | p50 ms | p95 ms | p99 ms |',
        '|---|--:|--:|--:|',
        ...stageLines,
      );
    lines.push(
      '',
      ...(raw
        ? [
            `commit → applied / raw publish → consume rate: ${(services.flat.perSecond / raw.flat.perSecond).toFixed(2)}×`,
            // which side bounds the rate: the producing side's own rate (to its last commit / ack) beside the whole
            `rate with ${IN_FLIGHT} producers, producing side alone (to the last commit / ack): ` +
              figures.map((f) => `${f.name} ${Math.round(f.flat.producedPerSecond)}/s`).join(', '),
          ]
        : []),
      `largest RSS: ${memory.map((m) => `${m.name} ${Math.round(m.maxRss / 1024 / 1024)} MB`).join(', ')}`,
      // CPU time does not depend on what else runs on the machine, latency and rate do
      `CPU per event: ${memory
        .map(
          (m) =>
            `${m.name} ${((m.cpuMs - (cpuBefore.get(m.name) ?? 0)) / (EVENTS * ROUNDS * (STEADY_ONLY ? 1 : 2))).toFixed(2)} ms`,
        )
        .join(
          ', ',
        )}, nats-server ${(serverCpu / (EVENTS * ROUNDS * (STEADY_ONLY ? 1 : 2))).toFixed(2)} ms (both paths)`,
    );
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
    expect(services.steady.events).toBe(EVENTS * ROUNDS);
  });
});
