/**
 * Apollo Gateway (ours, `gateway/`) against Hive Gateway with Hive's default settings, on the same supergraph and
 * the same four subgraph processes; and a single-subgraph query through our gateway against the subgraph called
 * directly. The system starts as the end-to-end tests start it; Hive Gateway (`@graphql-hive/gateway`, a dev
 * dependency of this package) is started by its CLI as a process of its own, with the supergraph file (subgraph
 * URLs set to this run's ports) and one setting beyond its defaults: it forwards the caller's `Authorization` to
 * the subgraphs (it forwards no header by default, and every subgraph verifies the credential itself).
 *
 * Rounds are interleaved (A, B, A, B …) so that a change in the machine's load hits both sides alike; each
 * figure is the median of the rounds, the ratio is ours ÷ the other. Run with `npm run bench` in e2e/ (or
 * `npx vitest run --config vitest.bench.config.mjs bench/gateways.bench.ts`). Not part of `npm test`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationFor } from '@shequ/subgraph/testing';
import { freePort, startProcess, waitFor, type RunningProcess } from '@shequ/testing';
import { NODE_FLAGS, ROOT, SERVICES, startSystem, type RunningSystem } from '../test/system.js';
import { cpuTicks, waitUntilIdle } from './settle.js';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const ROUNDS = number('BENCH_ROUNDS', 3);
const SECONDS = number('BENCH_ROUND_SECONDS', 3);
/**
 * Clients at once; `distinct`: each client its own token (another subject), so that no two requests may be merged
 * (identical queries with the same credential are, at both gateways).
 */
const RUNS = [
  { clients: 1, distinct: false },
  { clients: 16, distinct: false },
  { clients: 16, distinct: true },
];

/** The README's first example (`first: 50`): one front-end page touching all four subgraphs. */
export const RESIDENT_360_PAGE = `{
  residents(first: 50, filter: { namePrefix: "林" }) {
    totalCount
    edges { node {
      name gender birthDate idNumber phone
      household { address building { name grid { name } } }
      cases { number status assignedGrid { name } }
      partyMember { stage branch { name } }
      eventRegistrations { status event { title startsAt venue { name } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** 50 residents with their household's address: residents alone answers it. */
export const SINGLE_SUBGRAPH_PAGE = `{ residents(first: 50) { edges { node { name household { address } } } } }`;

interface Target {
  name: string;
  url: string;
  /** The process serving it, for its CPU time. */
  process?: RunningProcess;
}

interface Round {
  requests: number;
  seconds: number;
  latencies: number[];
  cpuTicks: number | undefined;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fixed = (value: number) => (Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** Hive Gateway's CLI with the supergraph in a folder of its own, holding its config file. */
async function startHiveGateway(system: RunningSystem): Promise<{ url: string; process: RunningProcess }> {
  const folder = `${system.env.SHEQU_DATA_DIR}/hive-gateway`;
  mkdirSync(folder, { recursive: true });
  let supergraph = readFileSync(`${ROOT}gateway/supergraph.graphql`, 'utf8');
  for (const name of SERVICES) {
    supergraph = supergraph.replace(
      new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`),
      `$1http://127.0.0.1:${system.env[`${name.toUpperCase()}_PORT`]}/graphql$2`,
    );
  }
  writeFileSync(`${folder}/supergraph.graphql`, supergraph);
  writeFileSync(
    `${folder}/gateway.config.mjs`,
    [
      '// Hive defaults, plus the caller’s credential forwarded to the subgraphs (they verify it themselves).',
      'export const gatewayConfig = {',
      "  supergraph: './supergraph.graphql',",
      '  propagateHeaders: {',
      "    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),",
      '  },',
      '};',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const bin = createRequire(import.meta.url)
    .resolve('@graphql-hive/gateway/package.json')
    .replace(/package\.json$/, 'dist/bin.js');
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development' };
  delete env.FORK;
  const hive = startProcess(
    'hive-gateway',
    process.execPath,
    [bin, 'supergraph', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: folder,
      env,
    },
  );
  await waitFor(
    async () =>
      (
        await fetch(`http://127.0.0.1:${port}/healthcheck`, { signal: AbortSignal.timeout(1_000) }).catch(
          () => undefined,
        )
      )?.ok ?? false,
    {
      timeoutMs: Number(process.env.E2E_READY_TIMEOUT_MS ?? 120_000),
      intervalMs: 250,
      what: 'Hive Gateway /healthcheck',
    },
  ).catch(async (error: Error) => {
    await hive.stop();
    throw new Error(`${error.message}\n${hive.output()}`);
  });
  return { url: `http://127.0.0.1:${port}/graphql`, process: hive };
}

/**
 * `BENCH_GATEWAY_ENTRY=/path/to/gateway/dist/main.js`: measures another build of our gateway (e.g. the main
 * branch's) on this run's subgraphs, at the same port, to compare a change with what it replaces.
 */
async function replaceGateway(system: RunningSystem, entry: string): Promise<void> {
  const index = system.processes.findIndex((p) => p.name === 'gateway');
  await system.processes[index].stop();
  const gateway = startProcess('gateway', process.execPath, [...NODE_FLAGS, entry], { env: system.env });
  system.processes[index] = gateway;
  await waitFor(
    async () => (await fetch(system.gatewayUrl.replace(/graphql$/, 'health')).catch(() => undefined))?.ok ?? false,
    { timeoutMs: Number(process.env.E2E_READY_TIMEOUT_MS ?? 120_000), intervalMs: 250, what: `gateway ${entry}` },
  );
}

describe('gateways side by side', () => {
  let system: RunningSystem;
  let hive: { url: string; process: RunningProcess } | undefined;
  const lines: string[] = [];
  const loadAverages: number[][] = [];

  beforeAll(async () => {
    loadAverages.push(os.loadavg());
    system = await startSystem();
    await waitUntilIdle(system.processes);
    if (process.env.BENCH_GATEWAY_ENTRY) await replaceGateway(system, process.env.BENCH_GATEWAY_ENTRY);
    hive = await startHiveGateway(system);
  }, 900_000);
  afterAll(async () => {
    await hive?.process.stop();
    await system?.stop();
    loadAverages.push(os.loadavg());
    const cpus = os.cpus();
    const lifecycle =
      process.env.npm_lifecycle_event === 'bench'
        ? `npm run ${process.env.npm_lifecycle_event} (${process.env.npm_lifecycle_script}) in e2e/`
        : process.argv.join(' ');
    process.stdout.write(
      [
        '',
        '## Gateways side by side',
        '',
        `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
        `node ${process.version}; load average before ${loadAverages[0].map((l) => l.toFixed(1)).join(' ')}, after ${loadAverages[1].map((l) => l.toFixed(1)).join(' ')}`,
        `command: ${lifecycle}${process.env.BENCH_GATEWAY_ENTRY ? ` (gateway: ${process.env.BENCH_GATEWAY_ENTRY})` : ''}`,
        `settings: ${ROUNDS} interleaved rounds of ${SECONDS} s per side and client count; figures are medians of the rounds; community_admin of 莲秀社区`,
        '',
        '| operation | clients | A | req/s | p50 ms | CPU ms/req (A) | B | req/s | p50 ms | CPU ms/req (B) | A ÷ B |',
        '|---|--:|---|--:|--:|--:|---|--:|--:|--:|--:|',
        ...lines,
        '',
      ].join('\n') + '\n',
    );
  });

  /** A request that fails on any GraphQL error. */
  async function prepare(url: string, query: string, subject = 'bench') {
    const headers = {
      'content-type': 'application/json',
      ...(await authorizationFor({ role: 'community_admin', subject })),
    };
    const body = JSON.stringify({ query });
    const request = async () => {
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      const result = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
      if (!response.ok || result.errors || !result.data)
        throw new Error(`${url} ${response.status}: ${text.slice(0, 500)}`);
      return text;
    };
    return request;
  }

  async function round(target: Target, requests: Array<() => Promise<unknown>>, clients: number): Promise<Round> {
    const latencies: number[] = [];
    const ticksBefore = cpuTicks(target.process?.child.pid);
    const start = performance.now();
    const end = start + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const request = requests[client % requests.length];
        while (performance.now() < end) {
          const began = performance.now();
          await request();
          latencies.push(performance.now() - began);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const ticksAfter = cpuTicks(target.process?.child.pid);
    return {
      requests: latencies.length,
      seconds,
      latencies,
      cpuTicks: ticksBefore === undefined || ticksAfter === undefined ? undefined : ticksAfter - ticksBefore,
    };
  }

  async function compare(operation: string, query: string, a: Target, b: Target) {
    const requestA = await prepare(a.url, query);
    const requestB = await prepare(b.url, query);
    // both answer the same
    expect(JSON.parse(await requestA())).toEqual(JSON.parse(await requestB()));
    for (let i = 0; i < 10; i++) {
      await requestA();
      await requestB();
    }
    for (const { clients, distinct } of RUNS) {
      const callers = distinct ? Array.from({ length: clients }, (_, i) => `bench-${i}`) : ['bench'];
      const requestsA = await Promise.all(callers.map((subject) => prepare(a.url, query, subject)));
      const requestsB = await Promise.all(callers.map((subject) => prepare(b.url, query, subject)));
      const rounds: { a: Round[]; b: Round[] } = { a: [], b: [] };
      for (let i = 0; i < ROUNDS; i++) {
        // alternate which side goes first, so neither always follows the other
        if (i % 2 === 0) {
          rounds.a.push(await round(a, requestsA, clients));
          rounds.b.push(await round(b, requestsB, clients));
        } else {
          rounds.b.push(await round(b, requestsB, clients));
          rounds.a.push(await round(a, requestsA, clients));
        }
      }
      const summary = (side: Round[]) => {
        const rate = median(side.map((r) => r.requests / r.seconds));
        const p50 = median(
          side.map((r) =>
            percentile(
              [...r.latencies].sort((x, y) => x - y),
              50,
            ),
          ),
        );
        const cpu = side.every((r) => r.cpuTicks !== undefined)
          ? median(side.map((r) => ((r.cpuTicks ?? 0) * (1000 / 100)) / r.requests))
          : NaN;
        return { rate, p50, cpu };
      };
      const sa = summary(rounds.a);
      const sb = summary(rounds.b);
      lines.push(
        `| ${operation} | ${clients}${distinct ? ' (each its own token)' : ''} | ${a.name} | ${fixed(sa.rate)} | ${fixed(sa.p50)} | ${fixed(sa.cpu)} | ${b.name} | ${fixed(sb.rate)} | ${fixed(sb.p50)} | ${fixed(sb.cpu)} | **${(sa.rate / sb.rate).toFixed(2)}×** |`,
      );
      expect(sa.rate).toBeGreaterThan(0);
      expect(sb.rate).toBeGreaterThan(0);
    }
  }

  const gatewayProcess = () => system.processes.find((p) => p.name === 'gateway');

  it('resident-360 page: Apollo Gateway (ours) vs Hive Gateway (defaults)', async () => {
    await compare(
      'resident-360 page (README example, `first: 50`)',
      RESIDENT_360_PAGE,
      { name: 'Apollo Gateway (ours)', url: system.gatewayUrl, process: gatewayProcess() },
      { name: 'Hive Gateway (defaults)', url: hive!.url, process: hive!.process },
    );
  });

  it('a single-subgraph query: through our gateway vs residents directly', async () => {
    const residents = system.processes.find((p) => p.name === 'residents');
    await compare(
      '`residents(first: 50) { name household { address } }`',
      SINGLE_SUBGRAPH_PAGE,
      { name: 'through the gateway', url: system.gatewayUrl, process: gatewayProcess() },
      {
        name: 'residents directly',
        url: `http://127.0.0.1:${system.env.RESIDENTS_PORT}/graphql`,
        process: residents,
      },
    );
  });
});
