/**
 * The district benchmark (issue 16): a generated district (`npm run generate`) on PostgreSQL, the whole system
 * started on it, and each statistics query through the gateway as the district's analyst, p50 and p99, side by
 * side in the same run with the handwritten GROUP BY over the base tables that gives the same numbers (asserted
 * equal), plus resident list pages (`residents(first: 50)` without a filter — beside the `count(*)` its `totalCount`
 * replaces — by grid, name prefix, care category) as a district admin.
 * Size: SHEQU_BENCH_RESIDENTS (default 5,000; the issue's figure is 1,000,000 with 200,000 cases),
 * SHEQU_BENCH_CASES (default one per five residents), SHEQU_BENCH_RUNS (default 30 per query);
 * SHEQU_BENCH_DISTRICT_URL (`postgresql://…/district`, any database name) runs on a district generated before instead
 * of generating one; SHEQU_BENCH_ONLY (a regular expression) measures only the statistics and pages it matches.
 */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationFor, type Caller } from '@shequ/subgraph/testing';
import { startPostgres, type PostgresHandle } from '@shequ/testing';
import { ROOT, startSystem, type RunningSystem } from '../test/system.js';
import { percentile } from './measure.js';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const RESIDENTS = number('SHEQU_BENCH_RESIDENTS', 5_000);
const CASES = number('SHEQU_BENCH_CASES', Math.round(RESIDENTS / 5));
const RUNS = number('SHEQU_BENCH_RUNS', 30);
/** `postgresql://…/district` of a district generated before (with the same SHEQU_BENCH_RESIDENTS/CASES): no generation. */
const EXISTING_DISTRICT = process.env.SHEQU_BENCH_DISTRICT_URL;
/** Only the statistics and pages whose name matches this regular expression (all without it). */
const ONLY = process.env.SHEQU_BENCH_ONLY ? new RegExp(process.env.SHEQU_BENCH_ONLY) : null;
const chosen = (name: string) => !ONLY || ONLY.test(name);

const DISTRICT_ANALYST: Caller = { role: 'analyst', community: '350203' };
const DISTRICT_ADMIN: Caller = { role: 'district_admin', community: '350203' };

/** The part of `pg` the benchmark uses (a dev dependency of this package; MikroORM's PostgreSQL driver too). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}
const { Client } = createRequire(import.meta.url)('pg') as { Client: new (url: string) => PgClient };

type Numbers = Record<string, number>;

/** Each statistic: the GraphQL query, its numbers keyed by group, and the handwritten SQL giving the same. */
const STATISTICS: Array<{
  name: string;
  service: string;
  query: string;
  fromGraph(data: any): Numbers;
  sql: string;
  fromSql(rows: Array<Record<string, unknown>>): Numbers;
  /**
   * A table under the analyst's disclosure control: null cells (suppressed) are left out of the comparison, every
   * other cell (zero cells listed too) equals the GROUP BY's, and every group the GROUP BY finds is listed.
   */
  controlled?: boolean;
  /** Also timed at the subgraph directly (same query, same token), beside the gateway: the gateway's hop apart. */
  direct?: boolean;
}> = [
  residentCrossTable('residentStatistics (grid)', ['GRID']),
  {
    name: 'caseStatistics (category)',
    service: 'cases',
    controlled: true,
    direct: true,
    query: `{ caseStatistics(groupBy: [CATEGORY]) { category count resolved } }`,
    fromGraph: (d) =>
      Object.fromEntries(
        d.caseStatistics.flatMap((g: any) => [
          [`${g.category} count`, g.count],
          [`${g.category} resolved`, g.resolved],
        ]),
      ),
    sql: `select category, count(*) as n, count(resolved_at) as resolved from case_record
          where community_id like '350203%' group by category`,
    fromSql: (rows) =>
      Object.fromEntries(
        rows.flatMap((r) => [
          [`${String(r.category)} count`, Number(r.n)],
          [`${String(r.category)} resolved`, Number(r.resolved)],
        ]),
      ),
  },
  {
    name: 'partyStatistics (stage)',
    service: 'partybuilding',
    direct: true,
    query: `{ partyStatistics(groupBy: [STAGE]) { stage count } }`,
    fromGraph: (d) => Object.fromEntries(d.partyStatistics.map((g: any) => [g.stage, g.count])),
    sql: `select stage, count(*) as n from party_member where status = 'ACTIVE' and community_id like '350203%'
          group by stage`,
    fromSql: (rows) => Object.fromEntries(rows.map((r) => [String(r.stage), Number(r.n)])),
  },
  caseCrossTable('caseStatistics (grid, housing repairs)', ['GRID'], 'category: HOUSING_REPAIR'),
  caseCrossTable('caseStatistics (category × month, hotline)', ['CATEGORY', 'MONTH'], 'channel: HOTLINE'),
  {
    name: 'eventStatistics (type)',
    service: 'events',
    query: `{ eventStatistics(groupBy: [TYPE]) { type events attended } }`,
    fromGraph: (d) =>
      Object.fromEntries(
        d.eventStatistics.flatMap((g: any) => [
          [`${g.type} events`, g.events],
          [`${g.type} attended`, g.attended],
        ]),
      ),
    sql: `select e.type, count(distinct e.id) as events, count(r.id) filter (where r.status = 'ATTENDED') as attended
          from community_event e left join registration r on r.event_id = e.id
          where e.status <> 'CANCELLED' and e.community_id like '350203%' group by e.type`,
    fromSql: (rows) =>
      Object.fromEntries(
        rows.flatMap((r) => [
          [`${String(r.type)} events`, Number(r.events)],
          [`${String(r.type)} attended`, Number(r.attended)],
        ]),
      ),
  },
  {
    name: 'eventStatistics (type, participants)',
    service: 'events',
    query: `{ eventStatistics(groupBy: [TYPE]) { type uniqueParticipants elderlyShare } }`,
    fromGraph: (d) =>
      Object.fromEntries(
        d.eventStatistics.flatMap((g: any) => [
          [`${g.type} participants`, g.uniqueParticipants],
          [`${g.type} elderlyShare`, g.elderlyShare],
        ]),
      ),
    // 60+ on the community day the event starts (the rule of domain/event-statistics.ts), distinct residents
    sql: `select e.type, count(distinct r.resident_id) as participants,
            count(distinct r.resident_id) filter (where p.birth_date is not null) as known,
            count(distinct r.resident_id) filter (where p.birth_date is not null
              and to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYYMMDD')::int
                - to_char(p.birth_date, 'YYYYMMDD')::int >= 600000) as elderly
          from community_event e join registration r on r.event_id = e.id and r.status = 'ATTENDED'
          left join resident_profile p on p.resident_id = r.resident_id
          where e.status <> 'CANCELLED' and e.community_id like '350203%' group by e.type`,
    fromSql: (rows) =>
      Object.fromEntries(
        rows.flatMap((r) => [
          [`${String(r.type)} participants`, Number(r.participants)],
          [
            `${String(r.type)} elderlyShare`,
            Number(r.known) > 0 ? Math.round((Number(r.elderly) / Number(r.known)) * 10_000) / 10_000 : null,
          ],
        ]),
      ) as Numbers,
  },
  residentCrossTable('residentStatistics (grid × age band)', ['GRID', 'AGE_BAND']),
  residentCrossTable('residentStatistics (grid × gender, aged 60 and over)', ['GRID', 'GENDER'], 'minAge: 60'),
  residentCrossTable(
    'residentStatistics (building × gender, floating)',
    ['BUILDING', 'GENDER'],
    'residenceType: FLOATING',
  ),
  residentCrossTable('residentStatistics (building × residence type)', ['BUILDING', 'RESIDENCE_TYPE']),
  residentCrossTable('residentStatistics (building × gender × residence type)', [
    'BUILDING',
    'GENDER',
    'RESIDENCE_TYPE',
  ]),
  residentCrossTable('residentStatistics (grid × gender × residence type × status)', [
    'GRID',
    'GENDER',
    'RESIDENCE_TYPE',
    'STATUS',
  ]),
  residentCrossTable(
    'residentStatistics (age band × residence type, women)',
    ['AGE_BAND', 'RESIDENCE_TYPE'],
    'gender: FEMALE',
  ),
  eventStatisticsWithPeople(
    'eventStatistics (type × month, participants, a quarter)',
    ['TYPE', 'MONTH'],
    // 2026-07-01 to 2026-10-01 of the community calendar (UTC+8): whole months, answered by the kept counts
    { from: '2026-06-30T16:00:00Z', to: '2026-09-30T16:00:00Z' },
  ),
  eventStatisticsWithPeople(
    'eventStatistics (type, participants, 07-15 11:00 to 10-08 17:30)',
    ['TYPE'],
    // instants inside days, no MONTH: distinct participants counted over the attendances in the window
    { from: '2026-07-15T03:00:00Z', to: '2026-10-08T09:30:00Z' },
  ),
  eventStatisticsWithPeople('eventStatistics (type × month × audience, participants)', ['TYPE', 'MONTH', 'AUDIENCE']),
];

/**
 * `eventStatistics` with events, attendances and distinct participants for some of TYPE, MONTH and AUDIENCE and a
 * time window, and the handwritten GROUP BY over events ⋈ registrations ⋈ profiles giving the same numbers.
 */
function eventStatisticsWithPeople(
  name: string,
  groupBy: Array<'TYPE' | 'MONTH' | 'AUDIENCE'>,
  window?: { from: string; to: string },
): (typeof STATISTICS)[number] {
  const field = { TYPE: 'type', MONTH: 'month', AUDIENCE: 'audience' } as const;
  const column = {
    TYPE: 'e.type',
    MONTH: `to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    AUDIENCE: 'e.audience',
  } as const;
  const keyOf = (values: unknown[]) => values.map(String).join(' ');
  const filter = window ? `, filter: { from: "${window.from}", to: "${window.to}" }` : '';
  return {
    name,
    service: 'events',
    controlled: true,
    query: `{ eventStatistics(groupBy: [${groupBy.join(', ')}]${filter}) {
      ${groupBy.map((d) => field[d]).join(' ')} events attended uniqueParticipants elderlyShare } }`,
    fromGraph: (d) =>
      Object.fromEntries(
        d.eventStatistics.flatMap((g: any) => {
          const key = keyOf(groupBy.map((d) => g[field[d]]));
          return [
            [`${key} events`, g.events],
            [`${key} attended`, g.attended],
            [`${key} participants`, g.uniqueParticipants],
            [`${key} elderlyShare`, g.elderlyShare],
          ];
        }),
      ),
    // 60+ on the community day the event starts (the rule of domain/event-statistics.ts), distinct residents
    sql: `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(distinct e.id) as events,
            count(r.id) as attended, count(distinct r.resident_id) as participants,
            count(distinct r.resident_id) filter (where p.birth_date is not null) as known,
            count(distinct r.resident_id) filter (where p.birth_date is not null
              and to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYYMMDD')::int
                - to_char(p.birth_date, 'YYYYMMDD')::int >= 600000) as elderly
          from community_event e left join registration r on r.event_id = e.id and r.status = 'ATTENDED'
          left join resident_profile p on p.resident_id = r.resident_id
          where e.status <> 'CANCELLED' and e.community_id like '350203%'
            ${window ? `and e.starts_at >= '${window.from}' and e.starts_at < '${window.to}'` : ''}
          group by ${groupBy.map((_, i) => i + 1).join(', ')}`,
    fromSql: (rows) =>
      Object.fromEntries(
        rows.flatMap((r) => {
          const key = keyOf(groupBy.map((_, i) => r[`d${i}`]));
          return [
            [`${key} events`, Number(r.events)],
            [`${key} attended`, Number(r.attended)],
            [`${key} participants`, Number(r.participants)],
            [
              `${key} elderlyShare`,
              Number(r.known) > 0 ? Math.round((Number(r.elderly) / Number(r.known)) * 10_000) / 10_000 : null,
            ],
          ];
        }),
      ) as Numbers,
  };
}

/**
 * `caseStatistics` (cases and resolved) by some of GRID, CATEGORY, MONTH with a filter other than the time window, as
 * the district analyst sees it (every cell under disclosure control, the values of the scope listed), and the
 * handwritten GROUP BY over the cases giving the same counts (months of the community calendar).
 */
function caseCrossTable(
  name: string,
  groupBy: Array<'GRID' | 'CATEGORY' | 'MONTH'>,
  filter: 'category: HOUSING_REPAIR' | 'channel: HOTLINE',
): (typeof STATISTICS)[number] {
  const column = {
    GRID: `coalesce(grid_id, 'UNKNOWN')`,
    CATEGORY: 'category',
    MONTH: `to_char(opened_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
  } as const;
  const field = { GRID: 'gridId', CATEGORY: 'category', MONTH: 'month' } as const;
  const where = {
    'category: HOUSING_REPAIR': `category = 'HOUSING_REPAIR'`,
    'channel: HOTLINE': `channel = 'HOTLINE'`,
  };
  return {
    name,
    service: 'cases',
    controlled: true,
    direct: true,
    query: `{ caseStatistics(groupBy: [${groupBy.join(', ')}], filter: { ${filter} }) {
      ${groupBy.map((d) => field[d]).join(' ')} count resolved } }`,
    fromGraph: (d) =>
      Object.fromEntries(
        d.caseStatistics.flatMap((g: any) => {
          const key = groupBy.map((dim) => g[field[dim]] ?? 'UNKNOWN').join(' ');
          return [
            [`${key} count`, g.count],
            [`${key} resolved`, g.resolved],
          ];
        }),
      ),
    sql: `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(*) as n,
            count(resolved_at) as resolved
          from case_record where community_id like '350203%' and ${where[filter]}
          group by ${groupBy.map((_, i) => i + 1).join(', ')}`,
    fromSql: (rows) =>
      Object.fromEntries(
        rows.flatMap((r) => {
          const key = groupBy.map((_, i) => String(r[`d${i}`])).join(' ');
          return [
            [`${key} count`, Number(r.n)],
            [`${key} resolved`, Number(r.resolved)],
          ];
        }),
      ),
  };
}

/**
 * `residentStatistics` by some of GRID, BUILDING, GENDER, AGE_BAND, RESIDENCE_TYPE with an optional filter, as the
 * district analyst sees it (every cell under disclosure control, every value of the scope listed), and the
 * handwritten GROUP BY over residents ⋈ households ⋈ buildings giving the same counts (ages on the community's
 * day, the rule of domain/age-bands.ts).
 */
function residentCrossTable(
  name: string,
  groupBy: Array<'GRID' | 'BUILDING' | 'GENDER' | 'AGE_BAND' | 'RESIDENCE_TYPE' | 'STATUS'>,
  filter?: string,
): (typeof STATISTICS)[number] {
  const born = (years: number) =>
    `to_char((now() at time zone 'Asia/Shanghai')::date - interval '${years} years', 'YYYY-MM-DD')`;
  const column = {
    GRID: `coalesce(b.grid_id, 'UNKNOWN')`,
    BUILDING: `coalesce(h.building_id, 'UNKNOWN')`,
    GENDER: `coalesce(r.gender, 'UNKNOWN')`,
    RESIDENCE_TYPE: 'r.residence_type',
    STATUS: 'r.status',
    AGE_BAND: `case when r.birth_date is null then 'UNKNOWN' when r.birth_date <= ${born(80)} then 'AGE_80_PLUS'
      when r.birth_date <= ${born(60)} then 'AGE_60_79' when r.birth_date <= ${born(35)} then 'AGE_35_59'
      when r.birth_date <= ${born(18)} then 'AGE_18_34' when r.birth_date <= ${born(7)} then 'AGE_7_17'
      else 'AGE_0_6' end`,
  } as const;
  const where: Record<string, string> = {
    'minAge: 60': `r.birth_date is not null and r.birth_date <= ${born(60)}`,
    'residenceType: FLOATING': `r.residence_type = 'FLOATING'`,
    'gender: FEMALE': `r.gender = 'FEMALE'`,
  };
  return {
    name,
    service: 'residents',
    controlled: true,
    // the big tables (by building, by grid × several dimensions) timed at the subgraph too: the gateway's hop apart
    direct: groupBy.includes('BUILDING') || groupBy.length > 2,
    query: `{ residentStatistics(groupBy: [${groupBy.join(', ')}]${filter ? `, filter: { ${filter} }` : ''}) {
      total groups { keys { value } count } } }`,
    fromGraph: (d) => ({
      total: d.residentStatistics.total,
      ...Object.fromEntries(
        d.residentStatistics.groups.map((g: any) => [g.keys.map((k: any) => k.value).join(' '), g.count]),
      ),
    }),
    sql: `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(*) as n
          from resident r left join household h on h.id = r.household_id left join building b on b.id = h.building_id
          where r.community_id like '350203%' ${filter ? `and ${where[filter]}` : ''}
          group by ${groupBy.map((_, i) => i + 1).join(', ')}`,
    fromSql: (rows) => ({
      total: rows.reduce((sum, r) => sum + Number(r.n), 0),
      ...Object.fromEntries(rows.map((r) => [groupBy.map((_, i) => String(r[`d${i}`])).join(' '), Number(r.n)])),
    }),
  };
}

/**
 * A controlled table against its GROUP BY: the cells shown equal the GROUP BY's (0 where it has no row), every
 * group of the GROUP BY is listed; how many cells (figures: an event group has several) are listed and suppressed.
 */
function compareControlled(graph: Record<string, number | null>, sql: Numbers, name: string) {
  for (const key of Object.keys(sql)) expect(key in graph, `${name}: ${key} listed`).toBe(true);
  const shown = Object.entries(graph).filter(([, n]) => n !== null);
  expect(Object.fromEntries(shown), name).toEqual(Object.fromEntries(shown.map(([k]) => [k, sql[k] ?? 0])));
  const cells = Object.keys(graph).filter((key) => key !== 'total');
  return { listed: cells.length, suppressed: cells.filter((key) => graph[key] === null).length };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/**
 * A service's own database on the district's server, as the services name it (`<database>_<service>`,
 * libs/database `databaseLocation`), whatever the district's database is called (a copy of it too).
 */
function serviceDatabase(url: string, service: string): string {
  const location = new URL(url);
  location.pathname = `${location.pathname}_${service}`;
  return location.toString();
}

const p = (samples: number[], q: number) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    q,
  ).toFixed(1);

describe(`district benchmark on PostgreSQL (${RESIDENTS.toLocaleString('en')} residents, ${CASES.toLocaleString('en')} cases)`, () => {
  let pg: PostgresHandle | undefined;
  let system: RunningSystem;
  let url: string;
  beforeAll(async () => {
    if (EXISTING_DISTRICT) {
      // A district generated earlier with the same sizes (`npm run generate -- --residents … --cases …
      // --database <url>`): the services migrate it at start, so rollups added since are backfilled.
      url = EXISTING_DISTRICT;
    } else {
      pg = await startPostgres();
      const base = new URL(pg.url);
      base.pathname = '/district';
      url = base.toString();
      const started = Date.now();
      execFileSync(
        process.execPath,
        [`${ROOT}scripts/generate.mjs`, '--residents', String(RESIDENTS), '--cases', String(CASES), '--database', url],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    system = await startSystem({ DATABASE_URL: url, SHEQU_SEED: 'none' });
  }, 6 * 3_600_000);
  afterAll(async () => {
    await system?.stop();
    await pg?.stop();
  });

  it(
    'answers each statistic through the gateway with the numbers of the handwritten GROUP BY, and lists pages',
    async () => {
      const gateway = async (query: string, caller: Caller) => {
        const response = await fetch(system.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await authorizationFor(caller)) },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { data?: any; errors?: unknown[] };
        expect(body.errors, query).toBeUndefined();
        return body.data;
      };
      const lines: string[] = [];
      /** Each row is printed as it is measured too, so that a long run shows what it has so far. */
      const row = (line: string) => {
        lines.push(line);
        console.log(`district benchmark row: ${line}`);
      };
      const direct = async (service: string, query: string, caller: Caller) => {
        const response = await fetch(`http://127.0.0.1:${system.env[`${service.toUpperCase()}_PORT`]}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await authorizationFor(caller)) },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { data?: any; errors?: unknown[] };
        expect(body.errors, query).toBeUndefined();
        return body.data;
      };
      for (const s of STATISTICS.filter((statistic) => chosen(statistic.name))) {
        const client = new Client(serviceDatabase(url, s.service));
        await client.connect();
        try {
          const graphTimes: number[] = [];
          const sqlTimes: number[] = [];
          const directTimes: number[] = [];
          let graphNumbers: Numbers = {};
          let sqlNumbers: Numbers = {};
          for (let i = 0; i < RUNS + 3; i++) {
            const g = await timed(() => gateway(s.query, DISTRICT_ANALYST));
            const q = await timed(() => client.query(s.sql));
            const d = s.direct ? await timed(() => direct(s.service, s.query, DISTRICT_ANALYST)) : undefined;
            if (i < 3) continue; // warm-up
            if (d) {
              directTimes.push(d.ms);
              expect(s.fromGraph(d.value), `${s.name} directly`).toEqual(s.fromGraph(g.value));
            }
            graphTimes.push(g.ms);
            sqlTimes.push(q.ms);
            graphNumbers = s.fromGraph(g.value);
            sqlNumbers = s.fromSql(q.value.rows);
          }
          let cells = '';
          if (s.controlled) {
            const { listed, suppressed } = compareControlled(graphNumbers, sqlNumbers, s.name);
            cells = ` (${listed} cells, ${suppressed} suppressed)`;
          } else expect(graphNumbers, s.name).toEqual(sqlNumbers);
          row(
            `| ${s.name}${cells} | ${p(graphTimes, 50)} | ${p(graphTimes, 99)} | ${p(sqlTimes, 50)} | ${p(sqlTimes, 99)} |`,
          );
          if (directTimes.length)
            row(`| ${s.name}, ${s.service} directly | ${p(directTimes, 50)} | ${p(directTimes, 99)} | – | – |`);
        } finally {
          await client.end();
        }
      }
      const residents = new Client(serviceDatabase(url, 'residents'));
      await residents.connect();
      const gridId = String((await residents.query(`select id from grid order by id limit 1`)).rows[0].id);
      // [name, query, the count(*) its totalCount replaces (timed side by side, asserted equal)]
      const pages: Array<[string, string, string?]> = [
        [
          'residents(first: 50) without a filter',
          `{ residents(first: 50) { totalCount edges { node { id name } } } }`,
          `select count(*) as n from resident where community_id like '350203%'`,
        ],
        [
          'residents(first: 50) by grid',
          `{ residents(first: 50, filter: { gridId: "${gridId}" }) { totalCount edges { node { id name } } } }`,
        ],
        [
          'residents(first: 50) by name prefix',
          `{ residents(first: 50, filter: { namePrefix: "林" }) { totalCount edges { node { id name } } } }`,
        ],
        [
          'residents(first: 50) by care category',
          `{ residents(first: 50, filter: { careCategory: MINIMUM_LIVING_ALLOWANCE }) { totalCount edges { node { id name } } } }`,
        ],
      ];
      for (const [name, query, countSql] of pages.filter(([name]) => chosen(name))) {
        const times: number[] = [];
        const sqlTimes: number[] = [];
        for (let i = 0; i < RUNS + 3; i++) {
          const { ms, value } = await timed(() => gateway(query, DISTRICT_ADMIN));
          expect(value.residents.edges.length).toBeGreaterThan(0);
          if (countSql) {
            const counted = await timed(() => residents.query(countSql));
            expect(value.residents.totalCount, name).toBe(Number(counted.value.rows[0].n));
            if (i >= 3) sqlTimes.push(counted.ms);
          }
          if (i >= 3) times.push(ms);
        }
        const sql = countSql ? `${p(sqlTimes, 50)} | ${p(sqlTimes, 99)}` : '– | –';
        row(`| ${name} (district admin) | ${p(times, 50)} | ${p(times, 99)} | ${sql} |`);
      }
      await residents.end();
      const cpus = os.cpus();
      console.log(
        [
          '',
          `district benchmark: ${RESIDENTS.toLocaleString('en')} residents, ${CASES.toLocaleString('en')} cases, PostgreSQL, ${RUNS} runs each`,
          `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown cpu'}, load ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
          '| query | gateway p50 ms | gateway p99 ms | GROUP BY p50 ms | GROUP BY p99 ms |',
          '|---|---|---|---|---|',
          ...lines,
        ].join('\n'),
      );
    },
    6 * 3_600_000,
  );
});
