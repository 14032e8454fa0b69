// The producing side of the events benchmark alone, in one process: the residents service (built, from dist/, its own
// SQLite file, its own nats-server) commits units of work that each record one `resident.registered`, IN_FLIGHT at a
// time, as events.bench.ts's residents process does; a round ends when every row is acknowledged and marked sent.
// Prints the process's CPU per event for each round (no consumer, no IPC: only the produce path — unit of work,
// commit, outbox row, relay, JetStream publish and ack, "sent" mark), and nats-server's
// (/proc/<pid>/stat). With the node flags of `npm start`:
//   node --max-semi-space-size=4 --heap-growing-percent=40 e2e/bench/producer-loop.mjs
// Environment: LOOP_EVENTS (5,000 per round), LOOP_ROUNDS (4; the first is a warm-up and not summarised),
// LOOP_IN_FLIGHT (16), LOOP_RATE (a steady rate in events/s instead: one unit of work started every millisecond or so,
// as the events benchmark's steady rounds, IN_FLIGHT ignored). Add --cpu-prof to profile it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ResidentRegistered } from '@shequ/contracts';
import { executePlain } from '@shequ/database';
import * as messaging from '@shequ/messaging';
import { BENCH_META, benchRegistration, startBenchService } from './bench-registration.mjs';
import { startNatsServer, tempDir } from '@shequ/testing';

const number = (name, fallback) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback);
const EVENTS = number('LOOP_EVENTS', 5_000);
const ROUNDS = number('LOOP_ROUNDS', 4);
const IN_FLIGHT = number('LOOP_IN_FLIGHT', 16);
const RATE = number('LOOP_RATE', 0);

const nats = await startNatsServer();
const data = tempDir('shequ-producer-loop-');
const service = await startBenchService('residents', nats.url, data.path);
await service.bus.firstConnection;

const unsent = async () =>
  Number(
    (await executePlain(service.orm.em.fork(), 'select count(*) as n from outbox_message where sent_at is null', []))[0]
      .n,
  );

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
/** nats-server's CPU so far (user + system, ms; 0 where /proc is not there). */
const serverCpuMs = () => {
  try {
    const stat = readFileSync(`/proc/${nats.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return 0;
  }
};

const perEvent = [];
const serverPerEvent = [];
for (let round = 0; round < ROUNDS; round++) {
  const cpu = process.cpuUsage();
  const serverBefore = serverCpuMs();
  const started = performance.now();
  let next = 0;
  const produce = (i) =>
    service.orm.em.fork().transactional(async (em) => {
      messaging
        .eventSink(service.outbox, em, BENCH_META)
        .record(ResidentRegistered, benchRegistration(`loop-${round}-${i}`));
    });
  const worker = async () => {
    while (next < EVENTS) await produce(next++);
  };
  if (RATE) {
    // open loop, as events.bench.ts's steady rounds: what is due by now, then a 1 ms timer
    const pending = [];
    while (next < EVENTS) {
      const due = Math.min(EVENTS, Math.floor(((performance.now() - started) * RATE) / 1000) + 1);
      while (next < due) pending.push(produce(next++));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(pending);
  } else await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  while ((await unsent()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000 / EVENTS;
  const serverMs = (serverCpuMs() - serverBefore) / EVENTS;
  const wall = performance.now() - started;
  if (round > 0) perEvent.push(ms);
  if (round > 0) serverPerEvent.push(serverMs);
  console.log(
    `round ${round}: ${EVENTS} events, ${ms.toFixed(3)} ms CPU/event (user ${(used.user / 1000 / EVENTS).toFixed(3)}, ` +
      `system ${(used.system / 1000 / EVENTS).toFixed(3)}), nats-server ${serverMs.toFixed(3)} ms/event, ${Math.round((EVENTS / wall) * 1000)} events/s${round === 0 ? ' (warm-up)' : ''}`,
  );
}
perEvent.sort((a, b) => a - b);
serverPerEvent.sort((a, b) => a - b);
console.log(
  `producer CPU per event (rounds after the warm-up): median ${perEvent[Math.floor(perEvent.length / 2)].toFixed(3)} ms, min ${perEvent[0].toFixed(3)} ms; ` +
    `nats-server median ${serverPerEvent[Math.floor(serverPerEvent.length / 2)].toFixed(3)} ms`,
);
await service.stop();
await nats.stop();
data.remove();
process.exit(0);
