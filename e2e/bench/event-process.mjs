// One process of the event benchmark (events.bench.ts), started with `fork` and driven over IPC. Modes
// (BENCH_MODE):
//   residents, cases   the real service (built, from dist/) on its own SQLite file: residents commits units of work
//                      that record `resident.registered` (one event per transaction), cases applies them through its
//                      real consumer; each reports when it committed / applied which event id.
//   raw-publisher, raw-consumer   plain JetStream on the same server: publish with an awaited ack, consume with a
//                      durable pull consumer and explicit acks (the peer the services are compared with).
// Times are `performance.timeOrigin + performance.now()`: the same clock in every process of the machine.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CommunityRegistered, ResidentRegistered } from '@shequ/contracts';
import * as messaging from '@shequ/messaging';
import { BENCH_META, benchRegistration, startBenchService } from './bench-registration.mjs';

const { consumerCommits, eventSink } = messaging;
const mode = process.env.BENCH_MODE;
const now = () => performance.timeOrigin + performance.now();
const RAW_STREAM = 'BENCH_RAW';
const RAW_SUBJECT = 'bench_raw.event';

let maxRss = process.memoryUsage().rss;
setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 100).unref();

/**
 * With BENCH_MEMORY_DIR, a line of JSON per second in `<dir>/<mode>.jsonl`: time, RSS, heap total / used, external,
 * array buffers (MB), the old space's size and use, and the process's CPU so far. The `heap-snapshot` command writes
 * the live heap's figures after a full collection (with --expose-gc: BENCH_EXPOSE_GC) and, with BENCH_HEAP_SNAPSHOTS,
 * a heap snapshot there; halfway through each round the live heap is logged as well (BENCH_MID_SNAPSHOT: a snapshot
 * too, in the closed-loop rounds).
 */
const MEMORY_DIR = process.env.BENCH_MEMORY_DIR;
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
function memoryFigures() {
  const usage = process.memoryUsage();
  const old = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
  const { user, system } = process.cpuUsage();
  return {
    at: Math.round(now()),
    rss: mb(usage.rss),
    heapTotal: mb(usage.heapTotal),
    heapUsed: mb(usage.heapUsed),
    external: mb(usage.external),
    arrayBuffers: mb(usage.arrayBuffers),
    oldSize: mb(old?.space_size ?? 0),
    oldUsed: mb(old?.space_used_size ?? 0),
    cpuMs: Math.round((user + system) / 1000),
  };
}
if (MEMORY_DIR)
  setInterval(
    () => appendFileSync(join(MEMORY_DIR, `${mode}.jsonl`), `${JSON.stringify(memoryFigures())}\n`),
    1000,
  ).unref();

/** Event id → time, filled while a round runs and handed over by `collect`. */
let times = new Map();
/**
 * Event id → time of the stages between commit and applied, where the tree reports them: `published` (the relay
 * handed the row to the connection), `acked` (JetStream acknowledged it), `received` (the consumer got the message).
 */
let stages = { published: new Map(), acked: new Map(), received: new Map() };
const send = (message) => process.send?.(message);

/** Runs `produce(i)` for i < count: open loop at `rate` per second, or closed loop with `inFlight` at a time. */
async function drive(count, { rate, inFlight }, produce) {
  const pending = new Set();
  const started = now();
  let next = 0;
  const fire = () => {
    if (MEMORY_DIR && globalThis.gc && next === Math.floor(count / 2)) {
      // the live heap halfway through a round (what is retained while events are in flight, not garbage)
      const before = memoryFigures();
      globalThis.gc();
      const after = memoryFigures();
      appendFileSync(join(MEMORY_DIR, `${mode}.jsonl`), `${JSON.stringify({ midRound: true, before, after })}\n`);
      if (
        process.env.BENCH_MID_SNAPSHOT &&
        (process.env.BENCH_MID_SNAPSHOT === 'steady' ? rate && mode === 'residents' : !rate)
      )
        v8.writeHeapSnapshot(join(MEMORY_DIR, `${mode}-mid-round.heapsnapshot`));
    }
    const promise = produce(next++).finally(() => pending.delete(promise));
    pending.add(promise);
  };
  if (rate) {
    while (next < count) {
      const due = Math.min(count, Math.floor(((now() - started) * rate) / 1000) + 1);
      while (next < due) fire();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } else {
    while (next < count) {
      while (next < count && pending.size < inFlight) fire();
      await Promise.race(pending);
    }
  }
  await Promise.all(pending);
}

const startService = (name) => startBenchService(name, process.env.NATS_URL, process.env.BENCH_DATA_DIR);

async function residents() {
  const service = await startService('residents');
  await service.bus.firstConnection;
  // the bench's community first, as residents registers a community before writing in it: the other services hold
  // residents' events of a community they do not know
  await service.orm.em.fork().transactional(async (em) => {
    eventSink(service.outbox, em, BENCH_META).record(CommunityRegistered, {
      communityId: BENCH_META.communityId,
      name: '莲秀社区',
      streetCode: BENCH_META.communityId.slice(0, 9),
      districtCode: BENCH_META.communityId.slice(0, 6),
    });
  });
  messaging.relayPublishes?.on('published', (ids, at) => {
    for (const id of ids) stages.published.set(id, at);
  });
  messaging.relayPublishes?.on('acked', (id, at) => stages.acked.set(id, at));
  return {
    async produce({ count, rate, inFlight, round }) {
      await drive(count, { rate, inFlight }, async (i) => {
        const started = now();
        const id = await service.orm.em.fork().transactional(async (em) => {
          const envelope = eventSink(service.outbox, em, BENCH_META).record(
            ResidentRegistered,
            benchRegistration(`bench-${round}-${i}`),
          );
          return envelope.id;
        });
        times.set(id, { started, done: now() });
      });
    },
    stop: () => service.stop(),
  };
}

async function cases() {
  const service = await startService('cases');
  // an event counts as applied when the transaction that wrote its inbox row has committed
  consumerCommits.on('committed', ({ consumer, eventIds }) => {
    if (consumer !== 'cases__residents') return;
    const at = now();
    for (const id of eventIds) times.set(id, at);
  });
  consumerCommits.on('received', ({ consumer, data, at }) => {
    // one durable per source: the durable through which the purpose cases__residents reads
    if (consumer !== 'cases__from__residents') return;
    // the envelope's id without parsing the whole message (this runs in the measured process)
    const id = /"id":"([^"]+)"/.exec(new TextDecoder().decode(data))?.[1];
    if (id) stages.received.set(id, at);
  });
  return { stop: () => service.stop() };
}

async function rawConnection() {
  const connection = await connect({ servers: process.env.NATS_URL });
  const jsm = await jetstreamManager(connection);
  await jsm.streams.add({ name: RAW_STREAM, subjects: [`${RAW_SUBJECT}`] }).catch(() => undefined);
  return { connection, jsm, js: jetstream(connection) };
}

async function rawPublisher() {
  const { connection, js } = await rawConnection();
  return {
    async produce({ count, rate, inFlight, round }) {
      await drive(count, { rate, inFlight }, async (i) => {
        const id = `raw-${round}-${i}`;
        const started = now();
        await js.publish(RAW_SUBJECT, JSON.stringify({ id, padding: 'x'.repeat(400) }), { msgID: id });
        times.set(id, { started, done: now() });
      });
    },
    stop: () => connection.drain(),
  };
}

async function rawConsumer() {
  const { connection, jsm, js } = await rawConnection();
  await jsm.consumers
    .add(RAW_STREAM, {
      durable_name: 'bench_raw',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
    })
    .catch(() => undefined);
  const messages = await (await js.consumers.get(RAW_STREAM, 'bench_raw')).consume({ max_messages: 100 });
  void (async () => {
    for await (const message of messages) {
      times.set(message.json().id, now());
      message.ack();
    }
  })();
  return { stop: () => connection.drain() };
}

const roles = { residents, cases, 'raw-publisher': rawPublisher, 'raw-consumer': rawConsumer };
const role = await roles[mode]();
process.on('message', (message) => {
  void (async () => {
    if (message.cmd === 'produce') {
      await role.produce(message);
      send({ cmd: 'produced' });
    } else if (message.cmd === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ cmd: 'cpu', cpuMs: (user + system) / 1000 });
    } else if (message.cmd === 'count') {
      send({ cmd: 'count', count: times.size });
    } else if (message.cmd === 'collect') {
      const { user, system } = process.cpuUsage();
      send({
        cmd: 'collected',
        times: [...times],
        stages: Object.fromEntries(Object.entries(stages).map(([stage, byId]) => [stage, [...byId]])),
        maxRss,
        rss: process.memoryUsage().rss,
        cpuMs: (user + system) / 1000,
      });
      times = new Map();
      stages = { published: new Map(), acked: new Map(), received: new Map() };
      // the largest RSS is kept across rounds (each round collects its times): only the benchmark's reset after the
      // warm-up starts it again
      if (message.resetPeak) maxRss = process.memoryUsage().rss;
    } else if (message.cmd === 'heap-snapshot') {
      globalThis.gc?.();
      const before = memoryFigures();
      const file = process.env.BENCH_HEAP_SNAPSHOTS
        ? v8.writeHeapSnapshot(join(MEMORY_DIR, `${mode}-${message.label}.heapsnapshot`))
        : null;
      send({ cmd: 'heap-snapshot', file, ...before });
    } else if (message.cmd === 'stop') {
      await role.stop();
      process.exit(0);
    }
  })();
});
send({ cmd: 'ready' });
