// Measures eventStatistics' distinct participants on a generated district (`npm run generate`), side by side in one
// run: this build's query (from `event_attendance`), the former one (over registration ⨝ profile, built into
// dist/application/event-statistics-query-before.js when present) and the handwritten GROUP BY over the base
// tables, interleaved, CPU and wall time per query, numbers compared. Migrates the database and fills new rollups
// (timed) first: run it on a copy, never on a database others read.
// node services/events/scripts/measure-event-distinct.mjs postgresql://…/district [runs]
import { existsSync } from 'node:fs';
import os from 'node:os';
import { databaseLocation, ensureRollups, openDatabase } from '@shequ/database';
import { eventsService } from '../dist/service.js';
import { eventStatisticsOf } from '../dist/application/event-statistics-query.js';

const [url, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const location = databaseLocation({ service: 'events', databaseUrl: url });
const orm = await openDatabase({
  location,
  entities: eventsService.entities,
  migrations: eventsService.migrations,
  log: () => undefined,
});
let started = performance.now();
await ensureRollups(orm.em.fork(), eventsService.rollups);
console.log(`migrated, rollups ensured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
// as the generator ends (and autovacuum follows a fill): statistics and the visibility map for index-only scans
started = performance.now();
await orm.em.getConnection().execute('vacuum analyze "event_attendance"');
console.log(`vacuum analyze event_attendance: ${((performance.now() - started) / 1000).toFixed(1)} s`);
const beforePath = new URL('../dist/application/event-statistics-query-before.js', import.meta.url);
const before = existsSync(beforePath) ? (await import(beforePath.href)).eventStatisticsOf : null;
const scope = { communityId: { $like: '350203%' } };
const handwritten = `select e.type, count(distinct r.resident_id) as participants,
    count(distinct r.resident_id) filter (where p.birth_date is not null) as known,
    count(distinct r.resident_id) filter (where p.birth_date is not null
      and to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYYMMDD')::int
        - to_char(p.birth_date, 'YYYYMMDD')::int >= 600000) as elderly
  from community_event e join registration r on r.event_id = e.id and r.status = 'ATTENDED'
  left join resident_profile p on p.resident_id = r.resident_id
  where e.status <> 'CANCELLED' and e.community_id like '350203%' group by e.type`;
const cases = [['TYPE'], ['MONTH'], ['AUDIENCE'], ['VENUE'], ['ORGANISER'], ['TYPE', 'MONTH']].map((groupBy) => ({
  groupBy,
  filter: {},
}));
cases.push({
  groupBy: ['TYPE'],
  filter: { from: new Date('2026-06-30T16:00:00Z'), to: new Date('2026-09-30T16:00:00Z') },
});
const timed = async (work) => {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, value };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const strip = (groups) => JSON.stringify(groups.map((g) => [g.key, g.uniqueParticipants, g.elderlyShare]));
console.log(
  `${os.cpus().length} × ${os.cpus()[0].model.trim()}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${runs} runs`,
);
console.log(
  '| groupBy (filter) | event_attendance p50 ms | former query p50 ms | handwritten GROUP BY p50 ms | same numbers |',
);
console.log('|---|---|---|---|---|');
for (const { groupBy, filter } of cases) {
  const now = [];
  const was = [];
  const sql = [];
  let same = true;
  const isType = groupBy.length === 1 && groupBy[0] === 'TYPE' && !filter.from;
  for (let i = 0; i < runs + 1; i++) {
    const a = await timed(() => eventStatisticsOf(orm.em.fork(), scope, groupBy, filter));
    const b = before ? await timed(() => before(orm.em.fork(), scope, groupBy, filter)) : null;
    const c = isType ? await timed(() => orm.em.fork().getConnection().execute(handwritten)) : null;
    if (i === 0) continue;
    now.push(a.ms);
    if (b) {
      was.push(b.ms);
      same &&= strip(a.value) === strip(b.value);
    }
    if (c) {
      sql.push(c.ms);
      const byType = new Map(c.value.map((r) => [r.type, r]));
      same &&= a.value.every((g) => Number(byType.get(g.key.TYPE)?.participants ?? 0) === g.uniqueParticipants);
    }
  }
  const f = (xs) => (xs.length ? median(xs).toFixed(0) : '–');
  const label = `${groupBy.join(', ')}${filter.from ? ' (a quarter)' : ''}`;
  console.log(`| ${label} | ${f(now)} | ${f(was)} | ${f(sql)} | ${same ? 'yes' : 'NO'} |`);
}
await orm.close();
