/**
 * The gateway's hop at one client: ONE residents process (demo community, SQLite, reads only) called directly and
 * through one or more gateway builds in front of it, in interleaved rounds (each side in turn, the order rotated and
 * reversed every round), in one run. Unlike read-path.mjs (a residents per tree), every side asks the same residents,
 * so the gateways are compared on the same subgraph. Prints per side the medians over the rounds of req/s, p50,
 * mean latency, residents' CPU per request and the gateway's (/proc, user + system), and the ratio to direct with
 * each round's ratio.
 *
 *   HOP_GATEWAYS="branch=$PWD/gateway/dist/main.js,main=/work/main/gateway/dist/main.js" node e2e/bench/gateway-hop.mjs
 *
 * HOP_ROUNDS (6), HOP_SECONDS (3), HOP_CLIENTS (1), HOP_QUERY, HOP_PROF=<gateway name> (`--cpu-prof` at 250 µs into
 * /tmp/hop-prof-<name>), HOP_LOG (warn). The client is Node's fetch, as in gateways.bench.ts.
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authorizationFor } from '@shequ/subgraph/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.env.HOP_SECONDS ?? 3);
const ROUNDS = Number(process.env.HOP_ROUNDS ?? 6);
const CLIENTS = Number(process.env.HOP_CLIENTS ?? 1);
const PROF = (process.env.HOP_PROF ?? '').split(',').filter(Boolean);
const QUERY = process.env.HOP_QUERY ?? `{ residents(first: 50) { edges { node { name household { address } } } } }`;
const GATEWAYS = (process.env.HOP_GATEWAYS ?? `cur=${ROOT}gateway/dist/main.js`).split(',').map((s) => s.split('='));
const flags = JSON.parse(readFileSync(join(ROOT, 'scripts/node-flags.json'), 'utf8'));
let port = 45_000 + Math.floor(Math.random() * 500) * 10;
const children = [];
const data = mkdtempSync(join(tmpdir(), 'hop-'));
const base = { ...process.env, ...flags.env, LOG_LEVEL: process.env.HOP_LOG ?? 'warn', SHEQU_DATA_DIR: data };
const start = (name, entry, env) => {
  const prof = PROF.includes(name)
    ? ['--cpu-prof', `--cpu-prof-dir=${tmpdir()}/hop-prof-${name}`, '--cpu-prof-interval=250']
    : [];
  const child = spawn(process.execPath, [...flags.flags, ...prof, entry], {
    env: { ...base, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
};
const cpuMs = (pid) => {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const rp = port++;
const ports = {
  RESIDENTS_PORT: String(rp),
  CASES_PORT: String(port++),
  PARTYBUILDING_PORT: String(port++),
  EVENTS_PORT: String(port++),
  NATS_URL: `nats://127.0.0.1:${port++}`,
};
const residents = start('residents', join(ROOT, 'services/residents/dist/main.js'), {
  ...ports,
  SHEQU_SEED: 'demo',
  DATABASE_URL: '',
});
const url = (p) => `http://127.0.0.1:${p}/graphql`;
const sides = [{ name: 'direct', url: url(rp), proc: undefined, rounds: [] }];
for (const [name, entry] of GATEWAYS) {
  const gp = port++;
  sides.push({ name, url: url(gp), proc: start(name, entry, { ...ports, GATEWAY_PORT: String(gp) }), rounds: [] });
}
const headers = { 'content-type': 'application/json', ...(await authorizationFor({ role: 'community_admin' })) };
const body = JSON.stringify({ query: QUERY });
const post = async (u) => {
  const r = await fetch(u, { method: 'POST', headers, body });
  const t = await r.text();
  if (!r.ok || t.includes('"errors"')) throw new Error(`${u} ${r.status} ${t.slice(0, 300)}`);
  return t;
};
try {
  for (const side of sides)
    for (let i = 0; ; i++) {
      try {
        await post(side.url);
        break;
      } catch (e) {
        if (i > 900) throw e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  const answers = await Promise.all(sides.map((s) => post(s.url)));
  if (new Set(answers).size !== 1)
    console.log(
      'ANSWERS DIFFER',
      answers.map((a) => a.slice(0, 200)),
    );
  for (const side of sides) for (let i = 0; i < 200; i++) await post(side.url);
  const before = loadavg();
  for (let round = 0; round < ROUNDS; round++) {
    const order = sides.map((_, i) => sides[(i + round) % sides.length]);
    for (const side of round % 2 ? order.reverse() : order) {
      const r0 = cpuMs(residents.pid),
        f0 = side.proc ? cpuMs(side.proc.pid) : 0;
      const lat = [];
      const began = performance.now(),
        end = began + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (performance.now() < end) {
            const t = performance.now();
            await post(side.url);
            lat.push(performance.now() - t);
          }
        }),
      );
      const secs = (performance.now() - began) / 1000;
      lat.sort((a, b) => a - b);
      const n = lat.length;
      side.rounds.push({
        rate: n / secs,
        p50: lat[n >> 1],
        mean: lat.reduce((a, b) => a + b, 0) / n,
        res: (cpuMs(residents.pid) - r0) / n,
        front: side.proc ? (cpuMs(side.proc.pid) - f0) / n : NaN,
      });
    }
  }
  const med = (v) => [...v].sort((a, b) => a - b)[(v.length - 1) >> 1];
  const of = (s, k) => med(s.rounds.map((r) => r[k]));
  console.log(
    `${ROUNDS}x${SECONDS}s ${CLIENTS} client(s); load ${before.map((l) => l.toFixed(1)).join(' ')} -> ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('side      req/s   p50ms  mean_ms  resCPU  gwCPU  ratio  (rounds)');
  for (const s of sides) {
    const ratio = of(s, 'rate') / of(sides[0], 'rate');
    const per = s.rounds.map((r, i) => (r.rate / sides[0].rounds[i].rate).toFixed(2)).join(' ');
    console.log(
      [
        s.name.padEnd(8),
        of(s, 'rate').toFixed(1).padStart(7),
        of(s, 'p50').toFixed(2).padStart(7),
        of(s, 'mean').toFixed(2).padStart(8),
        of(s, 'res').toFixed(2).padStart(7),
        of(s, 'front').toFixed(2).padStart(6),
        ` ${ratio.toFixed(2)}  (${per})`,
      ].join(' '),
    );
  }
} finally {
  for (const c of children) c.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 2500));
}
