// `npm start` on an existing data folder, measured to ready: the time to `▸ ready` (and to the gateway's /health)
// and each process's CPU seconds at that moment (/proc/<pid>/stat, user + system), the trees alternated round by
// round so that they share the machine's load (on a loaded machine compare the CPU seconds, not the times):
//
//   node e2e/bench/start-cpu.mjs <seeded data folder> <rounds> <tree> [<tree> …]     (each tree built)
//
// The data folder is one `npm start` has seeded (and stopped); each start runs on a copy of it. PORT_BASE (default
// 5910) and the five ports after it are used. Profiles of every process to ready: PROF_DIR=<folder>
// NODE_OPTIONS="--import $PWD/e2e/bench/profile-on-signal.mjs" (each process is sent SIGUSR2 at ready).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
const [data, rounds, ...trees] = process.argv.slice(2);
const BASE = Number(process.env.PORT_BASE ?? 5910);
const PORTS = {
  GATEWAY_PORT: BASE,
  RESIDENTS_PORT: BASE + 1,
  CASES_PORT: BASE + 2,
  PARTYBUILDING_PORT: BASE + 3,
  EVENTS_PORT: BASE + 4,
  NATS_PORT: BASE + 5,
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cpu = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
};
const kids = (pid) => {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
};
const nameOf = (pid) => {
  try {
    const c = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return (
      /(residents|cases|partybuilding|events|gateway)\/dist\/main\.js/.exec(c)?.[1] ??
      (c.includes('nats-server') ? 'nats' : undefined)
    );
  } catch {
    return undefined; // the process has gone
  }
};
const sums = new Map();
for (let r = 1; r <= Number(rounds); r++)
  for (const tree of trees.map((t) => resolve(t))) {
    const dir = mkdtempSync(join(tmpdir(), 'start-cpu-'));
    cpSync(data, dir, { recursive: true });
    const l0 = loadavg()[0].toFixed(1);
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(tree, 'scripts/start.mjs')], {
      cwd: tree,
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(PORTS).map(([k, v]) => [k, String(v)])),
        SHEQU_SKIP_INSTALL: '1',
        SHEQU_SKIP_BUILD: '1',
        SHEQU_DATA_DIR: dir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const exited = new Promise((ok) => child.once('exit', ok));
    let healthy;
    (async () => {
      while (healthy === undefined && child.exitCode === null) {
        const ok = await fetch(`http://127.0.0.1:${BASE}/health`, { signal: AbortSignal.timeout(1000) })
          .then((x) => x.ok)
          .catch(() => false);
        if (ok) healthy = (performance.now() - t0) / 1000;
        else await sleep(50);
      }
    })();
    while (!/▸ ready/.test(out)) {
      if (child.exitCode !== null) {
        console.log(out);
        process.exit(1);
      }
      await sleep(20);
    }
    const procs = Object.fromEntries(
      kids(child.pid)
        .map((p) => [nameOf(p), p])
        .filter(([n]) => n),
    );
    const figures = Object.fromEntries(Object.entries(procs).map(([n, p]) => [n, cpu(p)]));
    figures.start = cpu(child.pid);
    if (process.env.PROF_DIR) {
      for (const [n, p] of Object.entries(procs)) if (n !== 'nats') process.kill(p, 'SIGUSR2');
      process.kill(child.pid, 'SIGUSR2');
      await sleep(3000);
    }
    const ready = /▸ ready ([\d.]+) s after npm start began \(processes: ([\d.]+) s\)/.exec(out);
    const names = ['start', 'residents', 'cases', 'partybuilding', 'events', 'gateway', 'nats'];
    const total = names.filter((n) => n !== 'nats' && n !== 'start').reduce((s, n) => s + figures[n], 0);
    const key = tree;
    const prev = sums.get(key) ?? [];
    prev.push({ total, ready: Number(ready[1]), healthy });
    sums.set(key, prev);
    console.log(
      `[${r}] ${tree} load ${l0}→${loadavg()[0].toFixed(1)}: healthy ${healthy?.toFixed(2)} s, ready ${ready[1]} s (processes ${ready[2]} s); CPU s ${names.map((n) => `${n} ${figures[n]?.toFixed(2)}`).join(', ')}; five ${total.toFixed(2)}`,
    );
    child.kill('SIGINT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
    await sleep(1000);
  }
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const [t, v] of sums)
  console.log(
    `${t}: median five-process CPU ${med(v.map((x) => x.total)).toFixed(2)} s, ready ${med(v.map((x) => x.ready)).toFixed(2)} s, healthy ${med(v.map((x) => x.healthy)).toFixed(2)} s`,
  );
