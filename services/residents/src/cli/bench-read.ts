import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM as PostgresOrm } from '@mikro-orm/postgresql';
import { MikroORM as SqliteOrm } from '@mikro-orm/better-sqlite';
import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';
import { devToken } from '@shequ/subgraph/testing';
import { freePort } from '@shequ/testing';

/**
 * `npm run bench` (residents, after the import benchmark): the read path of a front-end page, residents alone.
 * Starts the residents process (demo community, no NATS needed for reads) from this tree — and, with
 * `BENCH_BASELINE_DIR` (a checkout of the previous code with `dist/` built), from that tree too, side by side in
 * the same run — on SQLite and, with `BENCH_POSTGRES_URL`, on PostgreSQL. For each page: sequential requests as
 * `community_admin` (every page audited) for `BENCH_READ_SECONDS`, then it prints the residents process's CPU per
 * page (/proc user+system time), requests/s, peak RSS, and the audit storage the pages left (bytes per page).
 */
const env = readEnvironment(
  pickVariables(ENVIRONMENT, ['BENCH_READ_SECONDS', 'BENCH_BASELINE_DIR', 'BENCH_POSTGRES_URL']),
);
const here = dirname(fileURLToPath(import.meta.url));
const CURRENT = resolve(here, '../../../..');

const PAGES = {
  list: `query ResidentList { residents(first: 50) { edges { node { name household { address } } } } }`,
  resident360: `query Resident360 { residents(first: 50) { totalCount edges { node { id name gender birthDate idNumber phone household { id address building { name grid { name } } } } } pageInfo { hasNextPage endCursor } } }`,
} as const;
type PageName = keyof typeof PAGES;

interface Run {
  tree: 'baseline' | 'current';
  dialect: 'sqlite' | 'postgresql';
  page: PageName;
  requests: number;
  perSecond: number;
  cpuMsPerPage: number;
  p50: number;
  auditBytesPerPage: number;
  rssMb: number;
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // fields[11] utime, fields[12] stime (in clock ticks; 100 Hz on Linux)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
}

async function post(url: string, token: string, query: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body;
}

async function startResidents(tree: string, dialect: Run['dialect'], dataDir: string, databaseUrl?: string) {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(tree, 'services/residents/dist/main.js')],
    {
      env: {
        ...process.env,
        RESIDENTS_PORT: String(port),
        SHEQU_DATA_DIR: dataDir,
        SHEQU_SEED: 'demo',
        NATS_URL: `nats://127.0.0.1:${await freePort()}`,
        LOG_LEVEL: 'error',
        ...(dialect === 'postgresql' ? { RESIDENTS_DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  const token = await devToken({ subject: 'bench-admin' }, '2h');
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`residents (${tree}) exited with ${child.exitCode}`);
    try {
      await post(url, token, '{ residents(first: 1) { edges { node { id } } } }');
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return { child, url, token };
}

/** Bytes the audit tables hold (tables and their indexes), plus what audit events left in the outbox. */
async function auditBytes(dialect: Run['dialect'], dataDir: string, databaseUrl?: string): Promise<number> {
  const orm =
    dialect === 'sqlite'
      ? await SqliteOrm.init({
          dbName: join(dataDir, 'residents.sqlite'),
          entities: [],
          discovery: { warnWhenNoEntities: false },
        })
      : await PostgresOrm.init({ clientUrl: databaseUrl, entities: [], discovery: { warnWhenNoEntities: false } });
  const one = async (sql: string) =>
    Number((await orm.em.getConnection().execute<Array<{ b: unknown }>>(sql))[0]?.b ?? 0);
  try {
    const tables =
      dialect === 'sqlite'
        ? await one(`select coalesce(sum(pgsize), 0) as b from dbstat where name in
             (select name from sqlite_master where type in ('table', 'index') and tbl_name like 'pii_audit%')`)
        : await one(`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as b from pg_class c
             where c.relkind = 'r' and c.relname like 'pii_audit%'`);
    const outbox = await one(
      `select coalesce(sum(length(payload${dialect === 'postgresql' ? '::text' : ''})), 0) as b from outbox_message where subject like '%.audit.%'`,
    );
    return tables + outbox;
  } finally {
    await orm.close(true);
  }
}

async function auditBaseline(dialect: Run['dialect'], dataDir: string, databaseUrl?: string) {
  return auditBytes(dialect, dataDir, databaseUrl);
}

async function measure(tree: Run['tree'], dialect: Run['dialect']): Promise<Run[]> {
  const root = tree === 'current' ? CURRENT : resolve(env.BENCH_BASELINE_DIR ?? '.');
  const dataDir = mkdtempSync(join(tmpdir(), `shequ-bench-read-${tree}-`));
  let databaseUrl: string | undefined;
  if (dialect === 'postgresql') {
    const url = new URL(env.BENCH_POSTGRES_URL ?? '');
    url.pathname = `/bench_read_${tree}_${Date.now()}`;
    databaseUrl = url.toString();
  }
  const { child, url, token } = await startResidents(root, dialect, dataDir, databaseUrl);
  const runs: Run[] = [];
  try {
    for (const page of Object.keys(PAGES) as PageName[]) {
      const query = PAGES[page];
      for (let i = 0; i < 20; i++) await post(url, token, query);
      const auditBefore = await auditBaseline(dialect, dataDir, databaseUrl);
      let peakRss = rssMb(child.pid!);
      const cpuBefore = cpuMs(child.pid!);
      const started = performance.now();
      const latencies: number[] = [];
      while (performance.now() - started < env.BENCH_READ_SECONDS * 1000) {
        const t0 = performance.now();
        await post(url, token, query);
        latencies.push(performance.now() - t0);
        if (latencies.length % 50 === 0) peakRss = Math.max(peakRss, rssMb(child.pid!));
      }
      const elapsed = (performance.now() - started) / 1000;
      const cpu = cpuMs(child.pid!) - cpuBefore;
      peakRss = Math.max(peakRss, rssMb(child.pid!));
      const auditAfter = await auditBaseline(dialect, dataDir, databaseUrl);
      latencies.sort((a, b) => a - b);
      runs.push({
        tree,
        dialect,
        page,
        requests: latencies.length,
        perSecond: latencies.length / elapsed,
        cpuMsPerPage: cpu / latencies.length,
        p50: latencies[Math.floor(latencies.length / 2)],
        auditBytesPerPage: (auditAfter - auditBefore) / latencies.length,
        rssMb: peakRss,
      });
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return runs;
}

const trees: Run['tree'][] = env.BENCH_BASELINE_DIR ? ['baseline', 'current'] : ['current'];
if (env.BENCH_BASELINE_DIR && !existsSync(join(env.BENCH_BASELINE_DIR, 'services/residents/dist/main.js')))
  throw new Error(`BENCH_BASELINE_DIR=${env.BENCH_BASELINE_DIR}: no services/residents/dist/main.js there (build it)`);
const dialects: Run['dialect'][] = env.BENCH_POSTGRES_URL ? ['sqlite', 'postgresql'] : ['sqlite'];
const runs: Run[] = [];
for (const dialect of dialects) for (const tree of trees) runs.push(...(await measure(tree, dialect)));

const fmt = (n: number, digits = 1) => n.toFixed(digits);
console.log(
  '\nresidents read path, sequential, community_admin (audited), %ss per page, %s',
  env.BENCH_READ_SECONDS,
  new Date().toISOString(),
);
console.log('| tree | database | page | requests | req/s | p50 ms | CPU ms/page | audit bytes/page | peak RSS MB |');
console.log('|---|---|---|--:|--:|--:|--:|--:|--:|');
for (const r of runs)
  console.log(
    `| ${r.tree} | ${r.dialect} | ${r.page} | ${r.requests} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.cpuMsPerPage, 2)} | ${fmt(r.auditBytesPerPage, 0)} | ${fmt(r.rssMb, 0)} |`,
  );
const find = (tree: Run['tree'], dialect: Run['dialect'], page: PageName) =>
  runs.find((r) => r.tree === tree && r.dialect === dialect && r.page === page);
for (const page of Object.keys(PAGES) as PageName[]) {
  const current = find('current', 'sqlite', page)!;
  const baseline = find('baseline', 'sqlite', page);
  const pg = find('current', 'postgresql', page);
  const ratios = [
    baseline ? `throughput ×${fmt(current.perSecond / baseline.perSecond, 2)} vs baseline` : undefined,
    baseline ? `CPU/page ÷${fmt(baseline.cpuMsPerPage / current.cpuMsPerPage, 2)}` : undefined,
    pg ? `PostgreSQL/SQLite time per page ×${fmt(current.perSecond / pg.perSecond, 2)}` : undefined,
  ].filter(Boolean);
  console.log(`${page}: ${ratios.join('; ') || '(no baseline, no PostgreSQL)'}`);
}
process.exit(0);
