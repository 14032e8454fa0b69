/**
 * The statistics sweep (issue 16): every `partyStatistics` and `eventStatistics` groupBy of up to three dimensions,
 * with the main filters and windows, as the district's analyst and a street's, through the gateway beside the
 * handwritten GROUP BY over the base tables that gives the same numbers (controlled tables compared cell by cell,
 * as in district.bench.ts). Prints one row per shape, flagged MISS when the gateway's p50 is over 300 ms or not
 * under the GROUP BY's. On a district generated before: SHEQU_BENCH_DISTRICT_URL (required), SHEQU_BENCH_RUNS
 * (default 3 per shape through the gateway, after one warm-up), SHEQU_BENCH_SQL_RUNS (the GROUP BY's, default 1),
 * SHEQU_BENCH_ONLY (a regular expression on the shape's name).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import os from 'node:os';
import { authorizationFor, type Caller } from '@shequ/subgraph/testing';
import { startSystem, type RunningSystem } from '../test/system.js';
import { percentile } from './measure.js';

const DISTRICT = process.env.SHEQU_BENCH_DISTRICT_URL;
const RUNS = Number(process.env.SHEQU_BENCH_RUNS) > 0 ? Number(process.env.SHEQU_BENCH_RUNS) : 3;
const SQL_RUNS = Number(process.env.SHEQU_BENCH_SQL_RUNS) > 0 ? Number(process.env.SHEQU_BENCH_SQL_RUNS) : 1;
const ONLY = process.env.SHEQU_BENCH_ONLY ? new RegExp(process.env.SHEQU_BENCH_ONLY) : null;

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}
const { Client } = createRequire(import.meta.url)('pg') as { Client: new (url: string) => PgClient };

const CALLERS: Array<[string, Caller, string]> = [
  ['district', { role: 'analyst', community: '350203' }, '350203'],
  ['street', { role: 'analyst', community: '350203008' }, '350203008'],
];

/** Every subset of `values` of 1 to `max` elements, in order. */
function combinations<T>(values: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  const walk = (start: number, chosen: T[]) => {
    if (chosen.length) out.push(chosen);
    if (chosen.length === max) return;
    for (let i = start; i < values.length; i++) walk(i + 1, [...chosen, values[i]]);
  };
  walk(0, []);
  return out;
}

interface Shape {
  name: string;
  service: 'partybuilding' | 'events';
  caller: Caller;
  query: string;
  /** cell → value from the graph (null: suppressed) */
  fromGraph(data: any): Record<string, number | null>;
  sql: string;
  fromSql(rows: Array<Record<string, unknown>>): Record<string, number>;
}

const keyOfGraph = (g: any) => g.keys.map((k: any) => k.value).join(' ');
const keyOfSql = (r: Record<string, unknown>, width: number) =>
  Array.from({ length: width }, (_, i) => (r[`d${i}`] == null ? 'UNKNOWN' : String(r[`d${i}`]))).join(' ');

type PartyDimension = 'ORGANIZATION' | 'STAGE' | 'MEMBER_TYPE' | 'AGE_BAND' | 'GENDER';
const PARTY: PartyDimension[] = ['ORGANIZATION', 'STAGE', 'MEMBER_TYPE', 'AGE_BAND', 'GENDER'];

function partyShape(groupBy: PartyDimension[], who: string, caller: Caller, prefix: string): Shape {
  const cutoff = (years: number) =>
    `to_char((now() at time zone 'Asia/Shanghai')::date - interval '${years} years', 'YYYY-MM-DD')`;
  const column: Record<PartyDimension, string> = {
    ORGANIZATION: 'm.branch_id',
    STAGE: 'm.stage',
    MEMBER_TYPE: 'm.member_type',
    GENDER: `nullif(m.gender, '')`,
    AGE_BAND: `case when coalesce(m.birth_date, '') = '' then null when m.birth_date > ${cutoff(36)} then 'UNDER_36'
      when m.birth_date > ${cutoff(46)} then 'AGE_36_45' when m.birth_date > ${cutoff(61)} then 'AGE_46_60'
      when m.birth_date > ${cutoff(71)} then 'AGE_61_70' else 'OVER_70' end`,
  };
  return {
    name: `party ${who} [${groupBy.join(', ')}]`,
    service: 'partybuilding',
    caller,
    query: `{ partyStatistics(groupBy: [${groupBy.join(', ')}]) { keys { value } count } }`,
    fromGraph: (d) => Object.fromEntries(d.partyStatistics.map((g: any) => [keyOfGraph(g), g.count])),
    sql: `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(*) as n from party_member m
          where m.status = 'ACTIVE' and m.community_id like '${prefix}%' group by ${groupBy.map((_, i) => i + 1).join(', ')}`,
    fromSql: (rows) => Object.fromEntries(rows.map((r) => [keyOfSql(r, groupBy.length), Number(r.n)])),
  };
}

type EventDimension = 'TYPE' | 'MONTH' | 'VENUE' | 'ORGANISER' | 'AUDIENCE';
const EVENT: EventDimension[] = ['TYPE', 'MONTH', 'VENUE', 'ORGANISER', 'AUDIENCE'];
interface EventFilter {
  name: string;
  graph: string;
  sql: string;
}
const EVENT_FILTERS: EventFilter[] = [
  { name: 'all time', graph: '', sql: '' },
  {
    name: '07-15 11:00 to 10-08 17:30',
    graph: `filter: { from: "2026-07-15T03:00:00Z", to: "2026-10-08T09:30:00Z" }`,
    sql: `and e.starts_at >= '2026-07-15T03:00:00Z' and e.starts_at < '2026-10-08T09:30:00Z'`,
  },
  {
    name: 'July–August (two whole months)',
    graph: `filter: { from: "2026-06-30T16:00:00Z", to: "2026-08-31T16:00:00Z" }`,
    sql: `and e.starts_at >= '2026-06-30T16:00:00Z' and e.starts_at < '2026-08-31T16:00:00Z'`,
  },
  {
    name: 'lectures and galas, from 03-10 08:00',
    graph: `filter: { types: [LECTURE, GALA], from: "2026-03-10T00:00:00Z" }`,
    sql: `and e.type in ('LECTURE', 'GALA') and e.starts_at >= '2026-03-10T00:00:00Z'`,
  },
];
const STREET_EVENT_FILTERS = EVENT_FILTERS.slice(0, 2);

function eventShape(
  groupBy: EventDimension[],
  filter: EventFilter,
  who: string,
  caller: Caller,
  prefix: string,
): Shape {
  const column: Record<EventDimension, string> = {
    TYPE: 'e.type',
    MONTH: `to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    VENUE: 'e.venue_id',
    ORGANISER: `case e.organiser_kind when 'DEPARTMENT' then 'DEPARTMENT:' || coalesce(e.organiser_department, '')
      when 'TEAM' then 'TEAM:' || coalesce(e.organiser_team_id, '')
      else 'ORGANIZATION:' || coalesce(e.organiser_organization_id, '') end`,
    AUDIENCE: 'e.audience',
  };
  const figures = (key: string, events: unknown, attended: unknown, participants: unknown, share: unknown) => [
    [`${key} events`, events],
    [`${key} attended`, attended],
    [`${key} participants`, participants],
    [`${key} elderlyShare`, share],
  ];
  return {
    name: `event ${who} [${groupBy.join(', ')}] ${filter.name}`,
    service: 'events',
    caller,
    query: `{ eventStatistics(groupBy: [${groupBy.join(', ')}]${filter.graph ? `, ${filter.graph}` : ''}) {
      keys { value } events attended uniqueParticipants elderlyShare } }`,
    fromGraph: (d) =>
      Object.fromEntries(
        d.eventStatistics.flatMap((g: any) =>
          figures(keyOfGraph(g), g.events, g.attended, g.uniqueParticipants, g.elderlyShare),
        ),
      ),
    sql: `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(distinct e.id) as events,
            count(r.id) as attended, count(distinct r.resident_id) as participants,
            count(distinct r.resident_id) filter (where p.birth_date is not null) as known,
            count(distinct r.resident_id) filter (where p.birth_date is not null
              and to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYYMMDD')::int
                - to_char(p.birth_date, 'YYYYMMDD')::int >= 600000) as elderly
          from community_event e left join registration r on r.event_id = e.id and r.status = 'ATTENDED'
          left join resident_profile p on p.resident_id = r.resident_id
          where e.status <> 'CANCELLED' and e.community_id like '${prefix}%' ${filter.sql}
          group by ${groupBy.map((_, i) => i + 1).join(', ')}`,
    fromSql: (rows) =>
      Object.fromEntries(
        rows.flatMap((r) =>
          figures(
            keyOfSql(r, groupBy.length),
            Number(r.events),
            Number(r.attended),
            Number(r.participants),
            Number(r.known) > 0 ? Math.round((Number(r.elderly) / Number(r.known)) * 10_000) / 10_000 : null,
          ),
        ),
      ) as Record<string, number>,
  };
}

const SHAPES: Shape[] = [
  ...CALLERS.flatMap(([who, caller, prefix]) => combinations(PARTY, 3).map((g) => partyShape(g, who, caller, prefix))),
  ...CALLERS.flatMap(([who, caller, prefix]) =>
    (who === 'district' ? EVENT_FILTERS : STREET_EVENT_FILTERS).flatMap((f) =>
      combinations(EVENT, 3).map((g) => eventShape(g, f, who, caller, prefix)),
    ),
  ),
].filter((s) => !ONLY || ONLY.test(s.name));

const serviceDatabase = (url: string, service: string) => {
  const location = new URL(url);
  location.pathname = `${location.pathname}_${service}`;
  return location.toString();
};
const p50 = (samples: number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );

describe.skipIf(!DISTRICT)('statistics sweep (party and event statistics, every groupBy up to 3)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem({ DATABASE_URL: DISTRICT!, SHEQU_SEED: 'none' });
  }, 3_600_000);
  afterAll(async () => system?.stop());

  it(
    'times each shape beside its GROUP BY, numbers equal',
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
      const clients = {
        partybuilding: new Client(serviceDatabase(DISTRICT!, 'partybuilding')),
        events: new Client(serviceDatabase(DISTRICT!, 'events')),
      };
      await Promise.all(Object.values(clients).map((c) => c.connect()));
      const lines: string[] = [];
      const mismatches: string[] = [];
      for (const s of SHAPES) {
        const graphTimes: number[] = [];
        const sqlTimes: number[] = [];
        let graph: Record<string, number | null> = {};
        let sql: Record<string, number> = {};
        // the gateway RUNS times after a warm-up; the GROUP BY (seconds for events) once after it, unless
        // SHEQU_BENCH_SQL_RUNS says more
        for (let i = 0; i < RUNS + 1; i++) {
          const start = performance.now();
          const data = await gateway(s.query, s.caller);
          if (i === 0) graph = s.fromGraph(data);
          else graphTimes.push(performance.now() - start);
          if (i === 0 || i > SQL_RUNS) continue;
          const at = performance.now();
          const rows = (await clients[s.service].query(s.sql)).rows;
          sqlTimes.push(performance.now() - at);
          sql = s.fromSql(rows);
        }
        // controlled: every GROUP BY cell listed, the shown ones equal (0 where the GROUP BY has no row)
        const missing = Object.keys(sql).filter((k) => !(k in graph));
        const wrong = Object.entries(graph).filter(([k, n]) => n !== null && n !== (sql[k] ?? 0));
        if (missing.length || wrong.length)
          mismatches.push(
            `${s.name}: ${missing.length} missing ${JSON.stringify(missing.slice(0, 3))}, ${wrong.length} differ ${JSON.stringify(wrong.slice(0, 3))} (sql ${JSON.stringify(wrong.slice(0, 3).map(([k]) => sql[k]))})`,
          );
        const [g, q] = [p50(graphTimes), p50(sqlTimes)];
        const cells = Object.keys(graph).length;
        const line = `| ${s.name} (${cells} cells) | ${g.toFixed(1)} | ${q.toFixed(1)} | ${g > 300 || g >= q ? 'MISS' : 'ok'} |`;
        lines.push(line);
        console.log(`sweep row: ${line}`);
      }
      await Promise.all(Object.values(clients).map((c) => c.end()));
      const cpus = os.cpus();
      console.log(
        [
          '',
          `statistics sweep: ${DISTRICT!.replace(/^.*\//, '')}, ${RUNS} runs each after a warm-up`,
          `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown cpu'}, load ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
          '| shape | gateway p50 ms | GROUP BY p50 ms | bar |',
          '|---|---|---|---|',
          ...lines,
          '',
          `mismatches: ${mismatches.length}`,
          ...mismatches,
        ].join('\n'),
      );
      expect(mismatches).toEqual([]);
    },
    6 * 3_600_000,
  );
});
