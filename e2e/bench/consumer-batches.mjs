// Cases consumers alone: cases' durable of residents (its three purposes, as under npm start) applies batches of
// resident.registered handed to processBatch as the server would hand them (no NATS in the measured loop); prints the
// CPU per event. H_BATCH (8), H_EVENTS (6000), H_ROUNDS (3); H_PROF=<file> writes a CPU profile of the rounds.
// Run from e2e/: node bench/consumer-batches.mjs
import { join } from 'node:path';
import { CommunityRegistered, ResidentRegistered } from '@shequ/contracts';
import { envelopeFor } from '@shequ/messaging';
import { BENCH_META, benchRegistration, startBenchService } from './bench-registration.mjs';
import { startNatsServer, tempDir } from '@shequ/testing';
const BATCH = Number(process.env.H_BATCH ?? 8);
const N = Number(process.env.H_EVENTS ?? 6000);
const dir = tempDir('evc-h-');
const nats = await startNatsServer({ storeDir: join(dir.path, 'nats') });
const service = await startBenchService('cases', nats.url, dir.path);
await service.bus.firstConnection;
const consumers = service.durables.filter((d) => d.source === 'residents');
// consumers idle: nothing is published
console.log(consumers.map((d) => `${d.durableName}: ${d.purposes.map((p) => p.name).join(' ')}`).join('; '));
const enc = new TextEncoder();
let seq = 0;
const mkMsg = (env) => {
  const data = enc.encode(JSON.stringify(env));
  const s = ++seq;
  return { subject: env.subject, data, ack() {}, nak() {}, term() {}, info: { deliveryCount: 1, streamSequence: s } };
};
async function run(count, tag) {
  const batches = [];
  for (let i = 0; i < count; i += BATCH) {
    const b = [];
    for (let j = i; j < Math.min(count, i + BATCH); j++)
      b.push({
        ...envelopeFor(ResidentRegistered, benchRegistration(`h-${tag}-${j}`), BENCH_META),
        aggregateVersion: 1,
      });
    batches.push(b);
  }
  const start = process.cpuUsage();
  const t0 = performance.now();
  for (const b of batches) {
    await Promise.all(consumers.map((c) => c.processBatch(b.map(mkMsg))));
  }
  const { user, system } = process.cpuUsage(start);
  return { cpuMsPerEvent: (user + system) / 1000 / count, wallMs: performance.now() - t0 };
}
// the bench's community first, as residents registers it before writing in it: cases holds residents' events of a
// community it does not know (they would be held, not applied, and the figures would measure the hold)
const community = envelopeFor(
  CommunityRegistered,
  {
    communityId: BENCH_META.communityId,
    name: '莲秀社区',
    streetCode: BENCH_META.communityId.slice(0, 9),
    districtCode: BENCH_META.communityId.slice(0, 6),
  },
  BENCH_META,
);
await Promise.all(consumers.map((c) => c.processBatch([mkMsg({ ...community, aggregateVersion: 1 })])));
await run(1000, 'warm');
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
let session;
if (process.env.H_PROF) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
for (let r = 0; r < Number(process.env.H_ROUNDS ?? 3); r++) console.log(`batch ${BATCH}:`, await run(N, `r${r}`));
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.H_PROF, JSON.stringify(profile));
}
await service.stop();
await nats.stop();
dir.remove?.();
process.exit(0);
