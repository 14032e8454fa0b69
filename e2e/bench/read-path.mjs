/**
 * The single-subgraph page at 1 client (or RIG_CLIENTS), side by side: residents called directly and through the
 * gateway, for this tree and — with BENCH_BASELINE_DIR=<a built checkout> — for that tree too, in interleaved
 * rounds (each side in turn, the order reversed every round), in one run. Each tree runs its own residents (demo
 * community, SQLite, no NATS: reads only) and its own gateway in front of it (the other subgraphs are not started;
 * the page needs residents only). Prints per side the median over rounds of req/s, p50, and the CPU time (/proc,
 * user + system) per request of residents and of the gateway; and per tree gateway ÷ direct.
 *
 *   node e2e/bench/read-path.mjs                      # this tree
 *   BENCH_BASELINE_DIR=/tmp/base node e2e/bench/read-path.mjs
 *
 * RIG_ROUNDS (default 6), RIG_SECONDS (3), RIG_CLIENTS (1), RIG_QUERY, RIG_PROF=cur:gateway,base:residents …
 * (`--cpu-prof` into /tmp/read-path-prof-<tree>-<process>), RIG_PROXY=1 adds a bare Node HTTP proxy (node:http
 * server, undici client, no GraphQL) in front of this tree's residents: the floor of any Node gateway.
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { authorizationFor } from '@shequ/subgraph/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TREES = { cur: ROOT, ...(process.env.BENCH_BASELINE_DIR ? { base: process.env.BENCH_BASELINE_DIR } : {}) };
const SECONDS = Number(process.env.RIG_SECONDS ?? 3);
const ROUNDS = Number(process.env.RIG_ROUNDS ?? 6);
const CLIENTS = Number(process.env.RIG_CLIENTS ?? 1);
const PROF = process.env.RIG_PROF ?? '';
const QUERY = process.env.RIG_QUERY ?? `{ residents(first: 50) { edges { node { name household { address } } } } }`;
const flags = JSON.parse(readFileSync(join(ROOT, 'scripts/node-flags.json'), 'utf8'));

if (process.argv[2] === '--proxy') {
  // the bare proxy's process
  const agent = new Agent({ keepAliveTimeout: 60_000 });
  http
    .createServer(async (req, res) => {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const answer = await request(process.env.PROXY_TARGET, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: req.headers.authorization },
        body: Buffer.concat(chunks),
        dispatcher: agent,
      });
      const text = await answer.body.text();
      res.writeHead(answer.statusCode, { 'content-type': 'application/json' });
      res.end(text);
    })
    .listen(Number(process.env.PROXY_PORT), '127.0.0.1');
  process.on('SIGINT', () => process.exit(0));
} else {
  await main();
}

async function main() {
  let port = 43_000 + Math.floor(Math.random() * 1_000) * 10;
  const children = [];
  const start = (tree, name, args, env) => {
    const prof = PROF.split(',').includes(`${tree}:${name}`)
      ? ['--cpu-prof', `--cpu-prof-dir=${tmpdir()}/read-path-prof-${tree}-${name}`]
      : [];
    const child = spawn(process.execPath, [...flags.flags, ...prof, ...args], {
      env: { ...process.env, ...flags.env, LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const cpuMs = (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const headers = { 'content-type': 'application/json', ...(await authorizationFor({ role: 'community_admin' })) };
  const body = JSON.stringify({ query: QUERY });
  const post = async (url) => {
    const response = await fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    if (!response.ok || text.includes('"errors"')) throw new Error(`${url} ${response.status} ${text.slice(0, 300)}`);
    return text;
  };
  const sides = [];
  for (const [tree, root] of Object.entries(TREES)) {
    const [residentsPort, gatewayPort] = [port++, port++];
    const data = mkdtempSync(join(tmpdir(), `read-path-${tree}-`));
    const residents = start(tree, 'residents', [join(root, 'services/residents/dist/main.js')], {
      RESIDENTS_PORT: String(residentsPort),
      SHEQU_DATA_DIR: data,
      SHEQU_SEED: 'demo',
      NATS_URL: `nats://127.0.0.1:${port++}`,
      DATABASE_URL: '',
    });
    const gateway = start(tree, 'gateway', [join(root, 'gateway/dist/main.js')], {
      GATEWAY_PORT: String(gatewayPort),
      RESIDENTS_PORT: String(residentsPort),
      CASES_PORT: String(port++),
      PARTYBUILDING_PORT: String(port++),
      EVENTS_PORT: String(port++),
      SHEQU_DATA_DIR: data,
    });
    const url = (p) => `http://127.0.0.1:${p}/graphql`;
    sides.push({ tree, kind: 'direct', url: url(residentsPort), residents, front: undefined, rounds: [] });
    sides.push({ tree, kind: 'gateway', url: url(gatewayPort), residents, front: gateway, rounds: [] });
    if (process.env.RIG_PROXY && tree === 'cur') {
      const proxyPort = port++;
      const proxy = start(tree, 'proxy', [fileURLToPath(import.meta.url), '--proxy'], {
        PROXY_PORT: String(proxyPort),
        PROXY_TARGET: url(residentsPort),
      });
      sides.push({ tree, kind: 'bare proxy', url: url(proxyPort), residents, front: proxy, rounds: [] });
    }
  }
  try {
    for (const side of sides) {
      for (let i = 0; ; i++) {
        try {
          await post(side.url);
          break;
        } catch (error) {
          if (i > 900) throw error;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
    }
    if ((await post(sides[0].url)) !== (await post(sides[1].url))) throw new Error('the two paths answer differently');
    for (const side of sides) for (let i = 0; i < 30; i++) await post(side.url);
    const before = loadavg();
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 ? [...sides].reverse() : sides) {
        const residentsBefore = cpuMs(side.residents.pid);
        const frontBefore = side.front ? cpuMs(side.front.pid) : 0;
        const latencies = [];
        const began = performance.now();
        const end = began + SECONDS * 1000;
        await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            while (performance.now() < end) {
              const t = performance.now();
              await post(side.url);
              latencies.push(performance.now() - t);
            }
          }),
        );
        const seconds = (performance.now() - began) / 1000;
        latencies.sort((a, b) => a - b);
        const n = latencies.length;
        side.rounds.push({
          rate: n / seconds,
          p50: latencies[Math.floor(n / 2)],
          residentsCpu: (cpuMs(side.residents.pid) - residentsBefore) / n,
          frontCpu: side.front ? (cpuMs(side.front.pid) - frontBefore) / n : NaN,
        });
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    const of = (side, key) => median(side.rounds.map((r) => r[key]));
    const fmt = (v) => (Number.isNaN(v) ? '–' : v.toFixed(2));
    console.log(`query: ${QUERY}`);
    console.log(`${ROUNDS} interleaved rounds of ${SECONDS} s, ${CLIENTS} client(s); medians of the rounds`);
    console.log(
      `load average before ${before.map((l) => l.toFixed(1)).join(' ')}, after ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log('| tree | path | req/s | p50 ms | residents CPU ms/req | gateway (proxy) CPU ms/req |');
    console.log('|---|---|--:|--:|--:|--:|');
    for (const side of sides)
      console.log(
        `| ${side.tree} | ${side.kind} | ${fmt(of(side, 'rate'))} | ${fmt(of(side, 'p50'))} | ${fmt(of(side, 'residentsCpu'))} | ${fmt(of(side, 'frontCpu'))} |`,
      );
    for (const tree of Object.keys(TREES)) {
      const [direct, ...fronts] = sides.filter((s) => s.tree === tree);
      for (const front of fronts) {
        const perRound = front.rounds.map((r, i) => (r.rate / direct.rounds[i].rate).toFixed(2));
        console.log(
          `${tree}: ${front.kind} ÷ direct ${(of(front, 'rate') / of(direct, 'rate')).toFixed(2)} (rounds: ${perRound.join(' ')})`,
        );
      }
    }
  } finally {
    for (const child of children) child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  }
}
