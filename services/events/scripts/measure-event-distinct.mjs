// Measures eventStatistics' distinct participants on a generated district (`npm run generate`), side by side in one
// run: this build's query (kept counts, `event_participant_count`, where they answer exactly), the query of main
// before them (`{ kept: false }`: counted over `event_attendance`, the same code) and the handwritten GROUP BY over
// the base tables, interleaved, wall and CPU time per query, numbers compared. Then what the kept counts cost: table
// size, the count at start, and the write cost per attendance (refreshRollup with and without them, rolled back).
// Migrates the database and fills new rollups (timed) first: run it on a copy, never on a database others read.
// node services/events/scripts/measure-event-distinct.mjs postgresql://…/district [runs]
import os from 'node:os';
import { databaseLocation, ensureRollups, openDatabase, refreshRollup } from '@shequ/database';
import { eventsService } from '../dist/service.js';
import { eventStatisticsOf } from '../dist/application/event-statistics-query.js';
import { eventAttendanceRollup } from '../dist/application/event-statistics-rollup.js';

const [url, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const location = databaseLocation({ service: 'events', databaseUrl: url });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`${os.cpus().length} × ${os.cpus()[0].model.trim()}, load ${load()}, ${runs} runs`);
let started = performance.now();
const orm = await openDatabase({
  location,
  entities: eventsService.entities,
  migrations: eventsService.migrations,
  log: () => undefined,
});
console.log(`opened and migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const sql = async (text, params = []) => orm.em.fork().getConnection().execute(text, params);
const kept = async () => Number((await sql(`select count(*) as n from "event_participant_count"`))[0].n);
const keptBefore = await kept();
started = performance.now();
await ensureRollups(orm.em.fork(), eventsService.rollups);
console.log(
  `rollups ensured in ${((performance.now() - started) / 1000).toFixed(1)} s` +
    (keptBefore === 0 ? ` (event_participant_count counted from event_attendance: ${await kept()} rows)` : ''),
);
// as the generator ends (and autovacuum follows a fill): statistics and the visibility map for index-only scans
started = performance.now();
await sql('vacuum analyze "event_attendance"');
await sql('vacuum analyze "event_participant_count"');
console.log(`vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s`);
const sizes = await sql(`select c.relname as name, c.reltuples::bigint as rows,
    pg_size_pretty(pg_relation_size(c.oid)) as heap, pg_size_pretty(pg_indexes_size(c.oid)) as indexes,
    pg_size_pretty(pg_total_relation_size(c.oid)) as total
  from pg_class c where c.relname in ('event_attendance', 'event_participant_count')`);
for (const s of sizes)
  console.log(`${s.name}: ~${s.rows} rows, heap ${s.heap}, indexes ${s.indexes}, total ${s.total}`);
const residentIndex = await sql(
  `select pg_size_pretty(pg_relation_size('event_attendance_resident_id_index')) as size`,
);
console.log(`event_attendance (resident_id) index: ${residentIndex[0].size}`);
const perGrouping = await sql(`select "grouping", count(*) as n from "event_participant_count" group by 1 order by 1`);
console.log(`rows per grouping: ${perGrouping.map((r) => `${r.grouping} ${r.n}`).join(', ')}`);

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
const handwritten = (where) => `select e.type, count(distinct r.resident_id) as participants,
    count(distinct r.resident_id) filter (where p.birth_date is not null) as known,
    count(distinct r.resident_id) filter (where p.birth_date is not null
      and to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYYMMDD')::int
        - to_char(p.birth_date, 'YYYYMMDD')::int >= 600000) as elderly
  from community_event e join registration r on r.event_id = e.id and r.status = 'ATTENDED'
  left join resident_profile p on p.resident_id = r.resident_id
  where e.status <> 'CANCELLED' and ${where} group by e.type`;
// a quarter of the community calendar (2026-07-01 to 2026-10-01, UTC+8), and a window from inside a day
const quarter = { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-09-30T16:00:00Z') };
const instants = { from: new Date('2026-07-15T03:00:00Z'), to: new Date('2026-10-08T09:30:00Z') };
const cases = [
  ...[['TYPE'], ['MONTH'], ['AUDIENCE'], ['VENUE'], ['ORGANISER'], ['TYPE', 'MONTH'], ['VENUE', 'ORGANISER']].map(
    (groupBy) => ({ groupBy, filter: {} }),
  ),
  { groupBy: ['TYPE'], filter: { types: ['LECTURE', 'GALA'] } },
  { groupBy: ['TYPE'], filter: quarter },
  { groupBy: ['TYPE'], filter: instants },
  { groupBy: ['MONTH'], filter: quarter },
  { groupBy: ['TYPE', 'MONTH'], filter: quarter },
  { groupBy: ['TYPE', 'MONTH'], filter: instants },
  { groupBy: ['TYPE', 'MONTH', 'AUDIENCE'], filter: {} },
  { groupBy: ['VENUE', 'ORGANISER', 'AUDIENCE'], filter: {} },
  { groupBy: ['TYPE', 'MONTH', 'AUDIENCE'], filter: quarter },
  { groupBy: ['TYPE', 'MONTH', 'VENUE', 'AUDIENCE'], filter: {} },
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
console.log(`queries from load ${load()}`);
console.log(
  '| scope | groupBy (filter) | kept counts p50 ms | main (event_attendance) p50 ms | handwritten GROUP BY p50 ms | kept ÷ main | kept ÷ GROUP BY | same numbers |',
);
console.log('|---|---|--:|--:|--:|--:|--:|---|');
for (const [scopeName, scope, where] of scopes) {
  for (const { groupBy, filter } of cases) {
    if (only && !scopeName.startsWith(only)) continue;
    if (scopeName !== 'district' && (filter.from || filter.types || groupBy.length > 2 || groupBy[0] === 'VENUE'))
      continue;
    const now = [];
    const was = [];
    const byHand = [];
    let same = true;
    const isType = groupBy.length === 1 && groupBy[0] === 'TYPE' && !filter.from && !filter.types;
    for (let i = 0; i < runs + 1; i++) {
      const a = await timed(() => eventStatisticsOf(orm.em.fork(), scope, groupBy, filter));
      const b = await timed(() => eventStatisticsOf(orm.em.fork(), scope, groupBy, filter, { kept: false }));
      const c = isType ? await timed(() => sql(handwritten(where))) : null;
      same &&= JSON.stringify(a.value) === JSON.stringify(b.value);
      if (c) {
        const byType = new Map(c.value.map((r) => [r.type, r]));
        same &&= a.value.every((g) => {
          const r = byType.get(g.key.TYPE);
          const known = Number(r?.known ?? 0);
          return (
            Number(r?.participants ?? 0) === g.uniqueParticipants &&
            (known > 0 ? Math.round((Number(r.elderly) / known) * 10_000) / 10_000 : null) === g.elderlyShare
          );
        });
      }
      if (i === 0) continue;
      now.push(a.ms);
      was.push(b.ms);
      if (c) byHand.push(c.ms);
    }
    const f = (xs) => (xs.length ? median(xs).toFixed(xs.length && median(xs) < 10 ? 1 : 0) : '–');
    const ratio = (xs, ys) => (xs.length && ys.length ? (median(xs) / median(ys)).toFixed(3) : '–');
    const label = `${groupBy.join(', ')}${
      filter === quarter
        ? ' (a quarter)'
        : filter === instants
          ? ' (07-15 11:00 to 10-08 17:30)'
          : filter.types
            ? ' (2 types)'
            : ''
    }`;
    console.log(
      `| ${scopeName} | ${label} | ${f(now)} | ${f(was)} | ${f(byHand)} | ${ratio(now, was)} | ${ratio(now, byHand)} | ${same ? 'yes' : 'NO'} |`,
    );
  }
}

if (noWrites) {
  await orm.close();
  process.exit(0);
}
// Write cost: the same attendances moved with and without the kept counts (rolled back), interleaved; and with the
// dimension pairs only (15 sets, as before the triples) against the 25 sets kept now.
const withoutDistinct = { ...eventAttendanceRollup, distinct: [] };
const pairsOnly = {
  ...eventAttendanceRollup,
  distinct: eventAttendanceRollup.distinct.map((d) => ({
    ...d,
    groupings: d.groupings.filter((g) => g.name.split(',').length <= 2),
  })),
};
const sample = (
  await sql(`select r.id from registration r join community_event e on e.id = r.event_id
  where r.status = 'ATTENDED' and e.status <> 'CANCELLED' and e.community_id like '350203%' order by r.id limit 200`)
).map((r) => r.id);
const absent = (
  await sql(`select r.id from registration r join community_event e on e.id = r.event_id
  where r.status = 'NO_SHOW' and e.status <> 'CANCELLED' and e.community_id like '350203%' order by r.id limit 200`)
).map((r) => r.id);
const writeCost = async (rollup, ids, status) =>
  orm.em
    .fork()
    .transactional(async (tx) => {
      const trx = tx.getTransactionContext();
      const marks = ids.map(() => '?').join(', ');
      await tx
        .getConnection()
        .execute(`update registration set status = ? where id in (${marks})`, [status, ...ids], 'run', trx);
      const t = performance.now();
      await refreshRollup(tx, rollup, ids, trx);
      const ms = performance.now() - t;
      throw Object.assign(new Error('rollback'), { ms });
    })
    .catch((error) => {
      if (error.message !== 'rollback') throw error;
      return error.ms;
    });
console.log(`write cost from load ${load()}: attendances moved in one refresh each, rolled back`);
for (const [what, ids, status] of [
  ['removed (ATTENDED → NO_SHOW)', sample, 'NO_SHOW'],
  ['added (NO_SHOW → ATTENDED)', absent, 'ATTENDED'],
]) {
  const withKept = [];
  const pairs = [];
  const without = [];
  for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) {
    withKept.push(await writeCost(eventAttendanceRollup, ids, status));
    pairs.push(await writeCost(pairsOnly, ids, status));
    without.push(await writeCost(withoutDistinct, ids, status));
  }
  const per = (xs) => ((median(xs) - median(without)) / ids.length).toFixed(2);
  console.log(
    `${ids.length} attendances ${what}: refreshRollup p50 with 25 kept sets ${median(withKept).toFixed(0)} ms, ` +
      `15 sets (pairs) ${median(pairs).toFixed(0)} ms, none ${median(without).toFixed(0)} ms: ` +
      `${per(withKept)} / ${per(pairs)} ms more per attendance (25 / 15 sets); the triples ` +
      `${((median(withKept) - median(pairs)) / ids.length).toFixed(2)} ms`,
  );
}
await orm.close();
