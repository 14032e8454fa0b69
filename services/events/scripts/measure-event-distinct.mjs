// Measures eventStatistics' distinct participants on a generated district (`npm run generate`), side by side in one
// run: this build's query (kept counts, `event_participant_count`, where they answer exactly), the query of main
// before them (`{ kept: false }`: counted over `event_attendance`, the same code) and a handwritten GROUP BY over
// the base tables (PostgreSQL), interleaved, wall time per query, numbers compared. Then what the kept counts cost:
// table size, the count at start, and the write cost per attendance (refreshRollup with all 31 kept sets and the 15
// sets without MONTH per quarter and year, with the 31 sets only, and without any: 200 attendances at once, and one
// attendance per transaction as a check-in loop; wall time, this process's CPU and, on PostgreSQL, the server
// backend's CPU), all rolled back. Migrates the database and fills new rollups (timed) first: run it on a copy, never on a database
// others read.
// node services/events/scripts/measure-event-distinct.mjs postgresql://…/district [runs]
// node services/events/scripts/measure-event-distinct.mjs sqlite:/path/to/data-dir [runs]
// MEASURE_ONLY=district (skip the street and community), MEASURE_NO_WRITES=1, MEASURE_NO_QUERIES=1,
// MEASURE_FILL=1 (also count the whole table from empty with the 31 sets and with the quarters and years, each once)
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Departments } from '@shequ/contracts';
import { databaseLocation, ensureRollups, openDatabase, refreshRollup } from '@shequ/database';
import { eventsService } from '../dist/service.js';
import { eventStatisticsOf } from '../dist/application/event-statistics-query.js';
import { eventAttendanceRollup } from '../dist/application/event-statistics-rollup.js';

const [url, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const location = url.startsWith('sqlite:')
  ? databaseLocation({ service: 'events', dataDir: url.slice('sqlite:'.length), env: {} })
  : databaseLocation({ service: 'events', databaseUrl: url });
const postgres = location.dialect === 'postgresql';
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${location.dialect}, load ${load()}, ${runs} runs`);
let started = performance.now();
const orm = await openDatabase({
  location,
  entities: eventsService.entities,
  migrations: eventsService.migrations,
  log: () => undefined,
});
console.log(`opened and migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const sql = async (text, params = []) => orm.em.fork().getConnection().execute(text, params);
/** Rows of event_participant_count per number of dimensions in a grouping (its name's commas + 1), or per period. */
const keptRows = async () => {
  const rows = await sql(`select "grouping", count(*) as n from "event_participant_count" group by 1`);
  const bySize = {};
  for (const r of rows) {
    const name = String(r.grouping);
    const size = /QUARTER$/.test(name) ? 'quarter' : /YEAR$/.test(name) ? 'year' : `${name.split(',').length} dim.`;
    bySize[size] = (bySize[size] ?? 0) + Number(r.n);
  }
  const total = Object.values(bySize).reduce((a, b) => a + b, 0);
  return `${total} rows (${Object.entries(bySize)
    .map(([size, n]) => `${size} ${n}`)
    .join(', ')}), ${rows.length} groupings`;
};
const tableSize = async () => {
  if (postgres)
    return (
      await sql(`select pg_size_pretty(pg_total_relation_size('event_participant_count')) as total,
        pg_size_pretty(pg_relation_size('event_participant_count')) as heap`)
    ).map((s) => `${s.total} (heap ${s.heap})`)[0];
  try {
    const [s] = await sql(
      `select sum("pgsize") as bytes from "dbstat" where "name" = 'event_participant_count' or "tbl_name" = 'event_participant_count'`,
    );
    return `${(Number(s.bytes) / 1048576).toFixed(1)} MB`;
  } catch {
    return `${(readFileSync(location.dbName).length / 1048576).toFixed(0)} MB (the whole file)`;
  }
};
console.log(`event_participant_count before: ${await keptRows()}, ${await tableSize()}`);
started = performance.now();
await ensureRollups(orm.em.fork(), eventsService.rollups);
console.log(`rollups ensured in ${((performance.now() - started) / 1000).toFixed(1)} s (load ${load()})`);
console.log(`event_participant_count after: ${await keptRows()}, ${await tableSize()}`);
/** The 31 dimension sets only (as before the quarters and years were kept). */
const withoutPeriods = {
  ...eventAttendanceRollup,
  distinct: eventAttendanceRollup.distinct.map((d) => ({
    ...d,
    groupings: d.groupings.filter((g) => !/,(QUARTER|YEAR)$/.test(g.name)),
  })),
};
const withoutDistinct = { ...eventAttendanceRollup, distinct: [] };
if (process.env.MEASURE_FILL === '1') {
  // the whole table counted from empty, as at the first start after its migration: 31 sets, then with the periods
  for (const [name, rollup] of [
    ['31 sets (no periods)', withoutPeriods],
    ['31 sets and 15 × quarter and year', eventAttendanceRollup],
  ]) {
    await sql(`delete from "event_participant_count"`);
    started = performance.now();
    await ensureRollups(orm.em.fork(), [rollup]);
    console.log(
      `filled from empty with ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s (load ${load()}): ${await keptRows()}, ${await tableSize()}`,
    );
  }
}
// as the generator ends (and autovacuum follows a fill): statistics and the visibility map for index-only scans
started = performance.now();
await sql(postgres ? 'vacuum analyze "event_participant_count"' : 'analyze');
console.log(`vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (postgres)
  for (const s of await sql(`select c.relname as name, c.reltuples::bigint as rows,
    pg_size_pretty(pg_relation_size(c.oid)) as heap, pg_size_pretty(pg_indexes_size(c.oid)) as indexes,
    pg_size_pretty(pg_total_relation_size(c.oid)) as total
  from pg_class c where c.relname in ('event_attendance', 'event_participant_count')`))
    console.log(`${s.name}: ~${s.rows} rows, heap ${s.heap}, indexes ${s.indexes}, total ${s.total}`);

const street = (
  await sql(`select substr("community_id", 1, 9) as s from "community_event" where "community_id" like '350203%'
  group by 1 order by count(*) desc limit 1`)
)[0].s;
const community = (
  await sql(`select "community_id" as c from "community_event" where "community_id" like '${street}%'
  group by 1 order by count(*) desc limit 1`)
)[0].c;
const scopes = [
  ['district', { communityId: { $like: '350203%' } }, `e.community_id like '350203%'`],
  [`street ${street}`, { communityId: { $like: `${street}%` } }, `e.community_id like '${street}%'`],
  [`community ${community}`, { communityId: community }, `e.community_id = '${community}'`],
];
const text = (label) => `'${label.replaceAll("'", "''")}'`;
/** The labels eventStatistics groups by, written by hand over the base tables (PostgreSQL). */
const LABELS = {
  TYPE: 'e.type',
  MONTH: `to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
  VENUE: 'v.name',
  ORGANISER: `case e.organiser_kind
    when 'DEPARTMENT' then '部门：' || coalesce(case e.organiser_department ${Departments.codes
      .map((code) => `when '${code}' then ${text(Departments.labels[code])}`)
      .join(' ')} end, '未指明')
    when 'TEAM' then '团队：' || coalesce(t.name, '未知团队')
    else '单位：' || coalesce(e.organiser_organization_id, 'null') end`,
  AUDIENCE: 'e.audience',
};
const handwritten = (groupBy, where, filter) => `select ${groupBy.map((d, i) => `${LABELS[d]} as d${i}`).join(', ')},
    count(distinct r.resident_id) as participants,
    count(distinct r.resident_id) filter (where p.birth_date is not null) as known,
    count(distinct r.resident_id) filter (where p.birth_date is not null
      and to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYYMMDD')::int
        - to_char(p.birth_date, 'YYYYMMDD')::int >= 600000) as elderly
  from community_event e join registration r on r.event_id = e.id and r.status = 'ATTENDED'
  left join resident_profile p on p.resident_id = r.resident_id
  ${groupBy.includes('VENUE') ? 'left join venue v on v.id = e.venue_id' : ''}
  ${groupBy.includes('ORGANISER') ? 'left join team t on t.id = e.organiser_team_id' : ''}
  where e.status <> 'CANCELLED' and ${where}${filter.from ? ` and e.starts_at >= '${filter.from.toISOString()}'` : ''}${
    filter.to ? ` and e.starts_at < '${filter.to.toISOString()}'` : ''
  }${filter.types ? ` and e.type in (${filter.types.map(text).join(', ')})` : ''}
  group by ${groupBy.map((_, i) => i + 1).join(', ')}`;
// a quarter of the community calendar (2026-07-01 to 2026-10-01, UTC+8), July alone, and a window inside days
const quarter = { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-09-30T16:00:00Z') };
const july = { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-07-31T16:00:00Z') };
const year = { from: new Date('2025-12-31T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') };
const instants = { from: new Date('2026-07-15T03:00:00Z'), to: new Date('2026-10-08T09:30:00Z') };
const FOUR = ['TYPE', 'MONTH', 'VENUE', 'AUDIENCE'];
const FOUR_NO_MONTH = ['TYPE', 'VENUE', 'ORGANISER', 'AUDIENCE'];
const FIVE = ['TYPE', 'MONTH', 'VENUE', 'ORGANISER', 'AUDIENCE'];
const cases = [
  { groupBy: ['TYPE'], filter: {}, all: true },
  { groupBy: FOUR, filter: {}, all: true },
  { groupBy: ['MONTH', 'VENUE', 'ORGANISER', 'AUDIENCE'], filter: {} },
  { groupBy: FOUR_NO_MONTH, filter: {} },
  { groupBy: FIVE, filter: {}, all: true },
  { groupBy: FIVE, filter: quarter },
  { groupBy: ['TYPE'], filter: july, all: true },
  { groupBy: ['VENUE', 'ORGANISER'], filter: july },
  { groupBy: FOUR_NO_MONTH, filter: july, all: true },
  { groupBy: ['TYPE'], filter: quarter, all: true },
  { groupBy: ['VENUE', 'ORGANISER'], filter: quarter },
  { groupBy: FOUR_NO_MONTH, filter: quarter, all: true },
  { groupBy: ['TYPE'], filter: year, all: true },
  { groupBy: ['VENUE', 'ORGANISER'], filter: year },
  { groupBy: FOUR_NO_MONTH, filter: year, all: true },
];
const only = process.env.MEASURE_ONLY; // e.g. 'district' to skip the street and community
const noWrites = process.env.MEASURE_NO_WRITES === '1';
const timed = async (work) => {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, value };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n) => Math.round(n * 10_000) / 10_000;
/** Whether the handwritten rows give the groups' distinct numbers (every group with someone in it, no other). */
const sameAsHandwritten = (groups, rows, groupBy) => {
  const byKey = new Map(rows.map((r) => [JSON.stringify(groupBy.map((_, i) => r[`d${i}`] ?? null)), r]));
  const shown = groups.filter((g) => g.uniqueParticipants > 0);
  return (
    shown.length === rows.length &&
    shown.every((g) => {
      const r = byKey.get(JSON.stringify(groupBy.map((d) => g.key[d])));
      const known = Number(r?.known ?? 0);
      return (
        Number(r?.participants ?? 0) === g.uniqueParticipants &&
        (known > 0 ? round(Number(r.elderly) / known) : null) === g.elderlyShare
      );
    })
  );
};
const filterLabel = (filter) =>
  filter === quarter
    ? ' (a quarter)'
    : filter === july
      ? ' (July)'
      : filter === year
        ? ' (2026)'
        : filter === instants
          ? ' (07-15 11:00 to 10-08 17:30)'
          : filter.types
            ? ' (2 types)'
            : '';
if (process.env.MEASURE_NO_QUERIES !== '1') {
  console.log(`queries from load ${load()}`);
  console.log(
    '| scope | groupBy (filter) | kept counts p50 ms | over event_attendance p50 ms | handwritten GROUP BY p50 ms | kept ÷ scan | kept ÷ GROUP BY | same numbers | without the distinct numbers p50 ms |',
  );
  console.log('|---|---|--:|--:|--:|--:|--:|---|--:|');
  for (const [scopeName, scope, where] of scopes) {
    for (const { groupBy, filter, all } of cases) {
      if (only && !scopeName.startsWith(only)) continue;
      if (scopeName !== 'district' && !all) continue;
      const now = [];
      const was = [];
      const byHand = [];
      const summedOnly = [];
      let same = true;
      for (let i = 0; i < runs + 1; i++) {
        const a = await timed(() => eventStatisticsOf(orm.em.fork(), scope, groupBy, filter));
        const b = await timed(() => eventStatisticsOf(orm.em.fork(), scope, groupBy, filter, { kept: false }));
        const c = postgres ? await timed(() => sql(handwritten(groupBy, where, filter))) : null;
        const d = await timed(() => eventStatisticsOf(orm.em.fork(), scope, groupBy, filter, { distinct: false }));
        same &&= JSON.stringify(a.value) === JSON.stringify(b.value);
        if (c) same &&= sameAsHandwritten(a.value, c.value, groupBy);
        if (i === 0) continue;
        now.push(a.ms);
        was.push(b.ms);
        if (c) byHand.push(c.ms);
        summedOnly.push(d.ms);
      }
      const f = (xs) => (xs.length ? median(xs).toFixed(median(xs) < 10 ? 1 : 0) : '–');
      const ratio = (xs, ys) => (xs.length && ys.length ? (median(xs) / median(ys)).toFixed(3) : '–');
      console.log(
        `| ${scopeName} | ${groupBy.join(', ')}${filterLabel(filter)} | ${f(now)} | ${f(was)} | ${f(byHand)} | ${ratio(now, was)} | ${ratio(now, byHand)} | ${same ? 'yes' : 'NO'} | ${f(summedOnly)} |`,
      );
    }
  }
}

if (noWrites) {
  await orm.close();
  process.exit(0);
}
// Write cost: the same attendances moved with the 31 kept sets and the quarters and years, the 31 sets only and none
// (rolled back), interleaved: 200 at once, then one per transaction (a check-in loop).
// MEASURE_OLD_DATABASE=<a copy of libs/database/dist whose distinct-rollups.js is another build>/index.js adds that
// build's refreshRollup with the 31 sets (e.g. the code before a change, side by side; an older build does not know
// derived grouping columns, so it is not given the periods)
const old = process.env.MEASURE_OLD_DATABASE ? await import(process.env.MEASURE_OLD_DATABASE) : null;
const variants = [
  ['31 sets and periods', eventAttendanceRollup, refreshRollup],
  ['31 sets', withoutPeriods, refreshRollup],
  ...(old ? [['31 sets, other build', withoutPeriods, old.refreshRollup]] : []),
  ['none', withoutDistinct, refreshRollup],
];
const NONE = variants.length - 1;
/** The variants' order in round `i`, each first in turn (the first to read a resident's rows finds them cold). */
const rotated = (i) => variants.map((_, v) => (v + i) % variants.length);
const sample = (
  await sql(`select r.id from registration r join community_event e on e.id = r.event_id
  where r.status = 'ATTENDED' and e.status <> 'CANCELLED' and e.community_id like '350203%' order by r.id limit 200`)
).map((r) => r.id);
const absent = (
  await sql(`select r.id from registration r join community_event e on e.id = r.event_id
  where r.status = 'NO_SHOW' and e.status <> 'CANCELLED' and e.community_id like '350203%' order by r.id limit 200`)
).map((r) => r.id);
/** The server backend's CPU time in ms (PostgreSQL on this machine: /proc), or 0. */
const backendCpu = async (tx, trx) => {
  if (!postgres) return 0;
  const [{ pid }] = await tx.getConnection().execute('select pg_backend_pid() as pid', [], 'all', trx);
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return 0;
  }
};
const writeCost = async ([, rollup, refresh], ids, status) =>
  orm.em
    .fork()
    .transactional(async (tx) => {
      const trx = tx.getTransactionContext();
      const marks = ids.map(() => '?').join(', ');
      await tx
        .getConnection()
        .execute(`update registration set status = ? where id in (${marks})`, [status, ...ids], 'run', trx);
      const server = await backendCpu(tx, trx);
      const cpu = process.cpuUsage();
      const t = performance.now();
      await refresh(tx, rollup, ids, trx);
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const serverMs = (await backendCpu(tx, trx)) - server;
      throw Object.assign(new Error('rollback'), { ms, cpuMs: (used.user + used.system) / 1000, serverMs });
    })
    .catch((error) => {
      if (error.message !== 'rollback') throw error;
      return { ms: error.ms, cpuMs: error.cpuMs, serverMs: error.serverMs };
    });
console.log(`write cost from load ${load()}: attendances moved in one refresh each, rolled back`);
for (const [what, ids, status] of [
  ['removed (ATTENDED → NO_SHOW)', sample, 'NO_SHOW'],
  ['added (NO_SHOW → ATTENDED)', absent, 'ATTENDED'],
]) {
  const costs = variants.map(() => []);
  for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++)
    for (const v of rotated(i)) costs[v].push(await writeCost(variants[v], ids, status));
  const none = median(costs[NONE].map((c) => c.ms));
  console.log(
    `${ids.length} attendances ${what}: refreshRollup p50 ${variants
      .map(([name], v) => `${name} ${median(costs[v].map((c) => c.ms)).toFixed(0)} ms`)
      .join(', ')}; more per attendance than none: ${variants
      .slice(0, NONE)
      .map(([name], v) => `${name} ${((median(costs[v].map((c) => c.ms)) - none) / ids.length).toFixed(2)} ms`)
      .join(', ')}`,
  );
}
// a check-in loop: one attendance per transaction (NO_SHOW → ATTENDED), the three variants interleaved per attendance
const loop = absent.slice(0, Number(process.env.MEASURE_CHECKINS ?? 60));
const totals = variants.map(() => ({ ms: [], cpuMs: 0, serverMs: 0 }));
for (const [i, id] of loop.entries())
  for (const v of rotated(i)) {
    const c = await writeCost(variants[v], [id], 'ATTENDED');
    totals[v].ms.push(c.ms);
    totals[v].cpuMs += c.cpuMs;
    totals[v].serverMs += c.serverMs;
  }
console.log(`check-in loop (to load ${load()}): ${loop.length} attendances, one refreshRollup each`);
console.log('| kept sets | p50 ms | mean ms | Node CPU ms / attendance | server CPU ms / attendance |');
console.log('|---|--:|--:|--:|--:|');
for (const [v, [name]] of variants.entries()) {
  const t = totals[v];
  const mean = t.ms.reduce((a, b) => a + b, 0) / t.ms.length;
  console.log(
    `| ${name} | ${median(t.ms).toFixed(2)} | ${mean.toFixed(2)} | ${(t.cpuMs / loop.length).toFixed(2)} | ${
      postgres ? (t.serverMs / loop.length).toFixed(2) : '–'
    } |`,
  );
}
await orm.close();
