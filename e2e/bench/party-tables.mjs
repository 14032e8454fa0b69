/**
 * partyStatistics' district branch tables on a generated district, side by side in one run: the partybuilding
 * subgraph of a tree (started alone on the district's `<database>_partybuilding`, no NATS: reads only), the gateway in
 * front of it, and the handwritten GROUP BY over the member rows giving the same counts — each row in turn, as the
 * district's analyst. Prints per table the p50 of each, and the subgraph's CPU (user + system, /proc) per request.
 * Compare two trees by running it once for each, alternated, a minute apart (`ROOT`).
 *
 *   cd e2e && node bench/party-tables.mjs postgresql://…/<district copy> [rounds]
 *   ROOT=/path/to/other/checkout node bench/party-tables.mjs …        # that tree's build
 *
 * SHAPES (default `ORGANIZATION,STAGE,MEMBER_TYPE;ORGANIZATION,STAGE,AGE_BAND`), PROF=<dir> (`--cpu-prof` of the
 * subgraph), FLAGS (Node flags instead of scripts/node-flags.json's).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { authorizationFor } from '@shequ/subgraph/testing';

const ROOT = process.env.ROOT ?? fileURLToPath(new URL('../../', import.meta.url));
const url = process.argv[2];
const ROUNDS = Number(process.argv[3] ?? 30);
const flags = JSON.parse(readFileSync(join(ROOT, 'scripts/node-flags.json'), 'utf8'));
if (process.env.FLAGS) flags.flags = process.env.FLAGS.split(' ');
const port = 45_000 + Math.floor(Math.random() * 900) * 5;
const gatewayPort = port + 1;
const start = (main, env, extra = []) =>
  spawn(process.execPath, [...flags.flags, ...extra, join(ROOT, main)], {
    env: { ...process.env, ...flags.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
const subgraph = start(
  'services/partybuilding/dist/main.js',
  { PARTYBUILDING_PORT: String(port), DATABASE_URL: url, NATS_URL: 'nats://127.0.0.1:1', SHEQU_SEED: '' },
  process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : [],
);
const gateway = start('gateway/dist/main.js', {
  GATEWAY_PORT: String(gatewayPort),
  PARTYBUILDING_PORT: String(port),
  RESIDENTS_PORT: String(port + 2),
  CASES_PORT: String(port + 3),
  EVENTS_PORT: String(port + 4),
  SHEQU_DATA_DIR: join(tmpdir(), `party-tables-${port}`),
});
const headers = {
  'content-type': 'application/json',
  ...(await authorizationFor({ role: 'analyst', community: '350203' })),
};
const post = async (query, to = port) => {
  const response = await fetch(`http://127.0.0.1:${to}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(text.slice(0, 300));
  return text;
};
const ready = async (query, to) => {
  for (let i = 0; ; i++) {
    try {
      return await post(query, to);
    } catch (error) {
      if (i > 600) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
};
const cpuMs = () => {
  const fields = readFileSync(`/proc/${subgraph.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const location = new URL(url);
location.pathname += '_partybuilding';
const db = new pg.Client(location.toString());
await db.connect();
// the handwritten GROUP BY of the district benchmark (bench/district.bench.ts, partyCrossTable)
const cutoff = (years) =>
  `to_char((now() at time zone 'Asia/Shanghai')::date - interval '${years} years', 'YYYY-MM-DD')`;
const column = {
  ORGANIZATION: 'm.branch_id',
  STAGE: 'm.stage',
  MEMBER_TYPE: 'm.member_type',
  GENDER: `coalesce(nullif(m.gender, ''), 'UNKNOWN')`,
  AGE_BAND: `case when coalesce(m.birth_date, '') = '' then 'UNKNOWN' when m.birth_date > ${cutoff(36)} then 'UNDER_36'
    when m.birth_date > ${cutoff(46)} then 'AGE_36_45' when m.birth_date > ${cutoff(61)} then 'AGE_46_60'
    when m.birth_date > ${cutoff(71)} then 'AGE_61_70' else 'OVER_70' end`,
};
const shapes = (process.env.SHAPES ?? 'ORGANIZATION,STAGE,MEMBER_TYPE;ORGANIZATION,STAGE,AGE_BAND')
  .split(';')
  .map((shape) => shape.split(','));
const p50 = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)].toFixed(1);
const timed = async (work) => {
  const began = performance.now();
  await work();
  return performance.now() - began;
};
try {
  for (const groupBy of shapes) {
    const query = `{ partyStatistics(groupBy: [${groupBy.join(', ')}]) { keys { value } count } }`;
    const sql = `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(*) as n from party_member m
      where m.status = 'ACTIVE' and m.community_id like '350203%' group by ${groupBy.map((_, i) => i + 1).join(', ')}`;
    await ready(query, port);
    await ready(query, gatewayPort);
    for (let i = 0; i < 5; i++) {
      await post(query);
      await post(query, gatewayPort);
      await db.query(sql);
    }
    const load = loadavg()[0];
    const cpuBefore = cpuMs();
    const direct = [];
    const through = [];
    const groupByTimes = [];
    for (let i = 0; i < ROUNDS; i++) {
      direct.push(await timed(() => post(query)));
      groupByTimes.push(await timed(() => db.query(sql)));
      through.push(await timed(() => post(query, gatewayPort)));
    }
    const cpu = (cpuMs() - cpuBefore) / (2 * ROUNDS);
    console.log(
      `${groupBy.join(' × ')}: subgraph ${p50(direct)} ms (CPU ${cpu.toFixed(1)} ms a request), gateway ${p50(through)} ms, ` +
        `GROUP BY ${p50(groupByTimes)} ms (load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)})`,
    );
  }
} finally {
  await db.end();
  subgraph.kill('SIGINT');
  gateway.kill('SIGINT');
  await new Promise((resolve) => subgraph.on('exit', resolve));
}
