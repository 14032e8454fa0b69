// `npm start` measured: time to a healthy gateway and the RSS of every process it starts, on a fresh data folder
// (the demo seeded, its backlog of events applied) and on the existing one (then under a read load through the
// gateway). Several trees interleaved, round by round, so that they share the machine's load:
//
//   node e2e/bench/start-memory.mjs <tree> [<tree> …]      (each tree built; BENCH_ROUNDS, BENCH_LOAD_SECONDS;
//   BENCH_EXISTING_DATA=<seeded data folder>: only the start on a copy of it and the read load)
//
// RSS figures are each process's VmHWM (its peak resident set, /proc/<pid>/status), read just before it stops, and
// VmRSS at ready; the demo seed's child processes (when a tree seeds in one) are sampled every 200 ms while alive.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const trees = process.argv.slice(2).map((t) => resolve(t));
if (trees.length === 0) {
  console.error('usage: node e2e/bench/start-memory.mjs <tree> [<tree> …]');
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const EXISTING_DATA = process.env.BENCH_EXISTING_DATA ? resolve(process.env.BENCH_EXISTING_DATA) : undefined;
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4600);
const PORTS = {
  GATEWAY_PORT: PORT_BASE,
  RESIDENTS_PORT: PORT_BASE + 1,
  CASES_PORT: PORT_BASE + 2,
  PARTYBUILDING_PORT: PORT_BASE + 3,
  EVENTS_PORT: PORT_BASE + 4,
  NATS_PORT: PORT_BASE + 5,
};
const LIST_PAGE = `{ residents(first: 20, filter: { namePrefix: "林" }) { totalCount edges { node {
  name gender birthDate household { address building { name grid { name } } } cases { number status }
  partyMember { stage } eventRegistrations { status event { title } } } } } }`;
const LIST_50 = `{ residents(first: 50) { edges { node { name household { address } } } } }`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (kb) => Math.round(kb / 1024);

function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return undefined;
  }
}
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
function children(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}
function nameOf(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const service = /(residents|cases|partybuilding|events)\/dist\/main\.js/.exec(cmd)?.[1];
    if (service) return service;
    if (cmd.includes('gateway/dist/main.js')) return 'gateway';
    if (cmd.includes('nats-server')) return 'nats';
    return undefined;
  } catch {
    return undefined;
  }
}

async function startTree(tree, dataDir) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(tree, 'scripts/start.mjs')], {
    cwd: tree,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(PORTS).map(([k, v]) => [k, String(v)])),
      SHEQU_SKIP_INSTALL: '1',
      SHEQU_SKIP_BUILD: '1',
      SHEQU_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let healthyAt;
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((r) => child.once('exit', r));
  const seedPeaks = new Map();
  const processes = new Map();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const pid of children(child.pid)) {
        const name = nameOf(pid);
        if (name && !processes.has(name)) processes.set(name, pid);
        if (name && name !== 'nats' && name !== 'gateway')
          for (const seedPid of children(pid)) {
            const s = status(seedPid);
            if (s) seedPeaks.set(`${name} seed`, Math.max(seedPeaks.get(`${name} seed`) ?? 0, s.hwm));
          }
      }
      if (healthyAt === undefined) {
        const ok = await fetch(`http://127.0.0.1:${PORTS.GATEWAY_PORT}/health`, { signal: AbortSignal.timeout(1000) })
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) healthyAt = performance.now();
      }
      await sleep(200);
    }
  })();
  while (!/Ctrl-C stops everything/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    await sleep(100);
  }
  const ready = Number(/▸ ready ([\d.]+) s/.exec(output)?.[1]);
  const token = /A development token for community_admin[^\n]*\n\s+(\S+)/.exec(output)?.[1];
  return {
    child,
    output: () => output,
    token,
    healthy: () => (healthyAt - started) / 1000,
    ready,
    processes,
    seedPeaks,
    async stop() {
      const peaks = {};
      for (const [name, pid] of processes) peaks[name] = status(pid)?.hwm ?? 0;
      sampling = false;
      await sampler;
      child.kill('SIGINT');
      await exited;
      return peaks;
    },
  };
}

async function waitUntilIdle(running, maxSeconds = 180) {
  // idle: the four services together used less than 0.1 s of CPU in the last 2 s
  const services = ['residents', 'cases', 'partybuilding', 'events'].map((n) => running.processes.get(n));
  const deadline = Date.now() + maxSeconds * 1000;
  let before = services.reduce((s, pid) => s + cpuSeconds(pid), 0);
  while (Date.now() < deadline) {
    await sleep(2000);
    const now = services.reduce((s, pid) => s + cpuSeconds(pid), 0);
    if (now - before < 0.1) return;
    before = now;
  }
}

async function load(running) {
  const until = Date.now() + LOAD_SECONDS * 1000;
  let requests = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      while (Date.now() < until) {
        const response = await fetch(`http://127.0.0.1:${PORTS.GATEWAY_PORT}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${running.token}` },
          body: JSON.stringify({ query: i % 2 ? LIST_50 : LIST_PAGE }),
        });
        const body = await response.json();
        requests++;
        if (body.errors) errors++;
      }
    }),
  );
  return { requests, errors };
}

const rssLine = (label, figures) =>
  `${label}: ${Object.entries(figures)
    .map(([name, kb]) => `${name} ${mb(kb)}`)
    .join(', ')} MB`;

for (let round = 1; round <= ROUNDS; round++) {
  for (const tree of trees) {
    const dataDir = mkdtempSync(join(tmpdir(), 'start-memory-'));
    try {
      const load1 = loadavg()[0].toFixed(1);
      console.log(`\n[round ${round}] ${tree} (load ${load1})`);
      if (EXISTING_DATA) {
        // BENCH_EXISTING_DATA=<a data folder npm start has seeded>: a copy of it, the fresh start left out
        cpSync(EXISTING_DATA, dataDir, { recursive: true });
      } else {
        // 1. fresh data folder: the demo seeded, then its backlog applied
        const fresh = await startTree(tree, dataDir);
        await waitUntilIdle(fresh);
        const freshPeaks = await fresh.stop();
        console.log(`  fresh data folder: healthy gateway ${fresh.healthy().toFixed(1)} s, ready ${fresh.ready} s`);
        console.log(
          `  ${rssLine('peak RSS (seed + backlog)', { ...freshPeaks, ...Object.fromEntries(fresh.seedPeaks) })}`,
        );
      }
      // 2. the same data folder again: start-up, then a read load
      const again = await startTree(tree, dataDir);
      const atReady = {};
      for (const [name, pid] of again.processes) atReady[name] = status(pid)?.rss ?? 0;
      await waitUntilIdle(again, 30);
      const beforeLoad = {};
      for (const [name, pid] of again.processes) beforeLoad[name] = status(pid)?.hwm ?? 0;
      const before = Object.fromEntries([...again.processes].map(([n, pid]) => [n, cpuSeconds(pid)]));
      const { requests, errors } = await load(again);
      const cpu = [...again.processes]
        .filter(([n]) => n !== 'nats')
        .map(([n, pid]) => `${n} ${(((cpuSeconds(pid) - before[n]) * 1000) / requests).toFixed(1)}`)
        .join(', ');
      const loadedPeaks = await again.stop();
      console.log(
        `  existing data: healthy gateway ${again.healthy().toFixed(1)} s, ready ${again.ready} s, seed processes: ${again.seedPeaks.size}`,
      );
      console.log(`  ${rssLine('RSS at ready', atReady)}`);
      console.log(`  ${rssLine('peak RSS before the load', beforeLoad)}`);
      console.log(
        `  read load: ${requests} requests (${errors} with errors) in ${LOAD_SECONDS} s, ${CLIENTS} clients; CPU ms/request ${cpu}`,
      );
      console.log(`  ${rssLine('peak RSS (start + load)', loadedPeaks)}  (load ${loadavg()[0].toFixed(1)})`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
