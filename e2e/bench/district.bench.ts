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
 * Measuring starts once the system is settled (`waitForSettledSystem`): every service's scheduled tasks have ended
 * their first run, and the events they published are applied.
 */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationFor, type Caller } from '@shequ/subgraph/testing';
import { startPostgres, type PostgresHandle } from '@shequ/testing';
import { ROOT, startSystem, type RunningSystem } from '../test/system.js';
import { percentile } from './measure.js';
import { waitForSettledSystem } from './settled-system.js';

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
const STREET_ANALYST: Caller = { role: 'analyst', community: '350203001' };

/** The grid id `$GRID` stands for in a case row's filter (the first grid with cases), looked up before the rows run. */
const GRID_PLACEHOLDER = '$GRID';

// case rows' filters: GraphQL and the SQL of the handwritten GROUP BY
const HOUSING_REPAIR = `category = 'HOUSING_REPAIR'`;
const HOTLINE = `channel = 'HOTLINE'`;
const MID_MONTHS_FILTER = `openedFrom: "2026-03-14T16:00:00.000Z", openedTo: "2026-06-14T16:00:00.000Z"`;
const MID_MONTHS = `opened_at >= '2026-03-14T16:00:00.000Z' and opened_at < '2026-06-14T16:00:00.000Z'`;
const WHOLE_MONTHS_FILTER = `openedFrom: "2026-02-28T16:00:00.000Z", openedTo: "2026-05-31T16:00:00.000Z"`;
const WHOLE_MONTHS = `opened_at >= '2026-02-28T16:00:00.000Z' and opened_at < '2026-05-31T16:00:00.000Z'`;

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
  /** Who asks (default: the district analyst). */
  caller?: Caller;
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
  caseCrossTable('caseStatistics (grid, housing repairs)', ['GRID'], 'category: HOUSING_REPAIR', HOUSING_REPAIR),
  caseCrossTable('caseStatistics (category × month, hotline)', ['CATEGORY', 'MONTH'], 'channel: HOTLINE', HOTLINE),
  caseCrossTable(
    'caseStatistics (grid × month, housing repairs)',
    ['GRID', 'MONTH'],
    'category: HOUSING_REPAIR',
    HOUSING_REPAIR,
  ),
  caseCrossTable('caseStatistics (grid × status, hotline)', ['GRID', 'STATUS'], 'channel: HOTLINE', HOTLINE),
  caseCrossTable(
    'caseStatistics (grid × channel, office)',
    ['GRID', 'CHANNEL'],
    'department: OFFICE',
    `department = 'OFFICE'`,
  ),
  caseCrossTable(
    'caseStatistics (category × month, one grid)',
    ['CATEGORY', 'MONTH'],
    `gridId: "${GRID_PLACEHOLDER}"`,
    `grid_id = '${GRID_PLACEHOLDER}'`,
  ),
  caseCrossTable(
    'caseStatistics (department × status, one grid)',
    ['DEPARTMENT', 'STATUS'],
    `gridId: "${GRID_PLACEHOLDER}"`,
    `grid_id = '${GRID_PLACEHOLDER}'`,
  ),
  caseCrossTable('caseStatistics (grid, Mar 15 – Jun 15)', ['GRID'], MID_MONTHS_FILTER, MID_MONTHS),
  caseCrossTable(
    'caseStatistics (category × channel, Mar 15 – Jun 15)',
    ['CATEGORY', 'CHANNEL'],
    MID_MONTHS_FILTER,
    MID_MONTHS,
  ),
  caseCrossTable(
    'caseStatistics (grid × category, Mar – May)',
    ['GRID', 'CATEGORY'],
    WHOLE_MONTHS_FILTER,
    WHOLE_MONTHS,
  ),
  caseCrossTable(
    'caseStatistics (grid × category, street, hotline)',
    ['GRID', 'CATEGORY'],
    'channel: HOTLINE',
    HOTLINE,
    STREET_ANALYST,
  ),
  caseCrossTable(
    'caseStatistics (grid × month, street, housing repairs)',
    ['GRID', 'MONTH'],
    'category: HOUSING_REPAIR',
    HOUSING_REPAIR,
    STREET_ANALYST,
  ),
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
  // the other statistics that need ages: three dimensions, an age filter alone, care categories (高龄 derived)
  residentCrossTable('residentStatistics (age band × gender × residence type)', [
    'AGE_BAND',
    'GENDER',
    'RESIDENCE_TYPE',
  ]),
  residentCrossTable('residentStatistics (grid, aged 17 and under)', ['GRID'], 'maxAge: 17'),
  residentCrossTable('residentStatistics (grid × care category)', ['GRID', 'CARE_CATEGORY']),
  residentCrossTable('residentStatistics (grid × gender, 高龄)', ['GRID', 'GENDER'], 'careCategory: ADVANCED_AGE'),
  // the other tables by care category: alone, by gender, by age band, by grid with a filter
  residentCrossTable('residentStatistics (care category)', ['CARE_CATEGORY']),
  residentCrossTable('residentStatistics (gender × care category)', ['GENDER', 'CARE_CATEGORY']),
  residentCrossTable('residentStatistics (age band × care category)', ['AGE_BAND', 'CARE_CATEGORY']),
  residentCrossTable('residentStatistics (grid × care category, women)', ['GRID', 'CARE_CATEGORY'], 'gender: FEMALE'),
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
  // the statistics sweep's worst shapes (docs/performance.md, 2026-12-05): branches × two codes under disclosure
  // control (thousands of cells), and windows the kept distinct counts do not answer (several whole months without
  // MONTH, several types without TYPE: distinct participants counted over the window's attendances)
  partyCrossTable('partyStatistics (branch × stage × member type)', ['ORGANIZATION', 'STAGE', 'MEMBER_TYPE']),
  partyCrossTable('partyStatistics (branch × stage × age band)', ['ORGANIZATION', 'STAGE', 'AGE_BAND']),
  eventStatisticsWithPeople(
    'eventStatistics (venue × organiser, participants, July–August)',
    ['VENUE', 'ORGANISER'],
    // two whole months of the community calendar without MONTH: no kept grouping spans them
    { from: '2026-06-30T16:00:00Z', to: '2026-08-31T16:00:00Z' },
  ),
  eventStatisticsWithPeople(
    'eventStatistics (month × venue, participants, lectures and galas from 03-10 08:00)',
    ['MONTH', 'VENUE'],
    { from: '2026-03-10T00:00:00Z' },
    ['LECTURE', 'GALA'],
  ),
  eventStatisticsWithPeople(
    'eventStatistics (month × venue, participants, lectures from 03-10 08:00)',
    ['MONTH', 'VENUE'],
    { from: '2026-03-10T00:00:00Z' },
    ['LECTURE'],
  ),
];

/**
 * `partyStatistics` by some of its dimensions as the district analyst sees it (every cell under disclosure control,
 * every combination of the values present listed), and the handwritten GROUP BY over the active members giving the
 * same counts (age bands on the community's day, the rule of `ageBandOf` in domain/party-statistics.ts).
 */
function partyCrossTable(
  name: string,
  groupBy: Array<'ORGANIZATION' | 'STAGE' | 'MEMBER_TYPE' | 'AGE_BAND' | 'GENDER'>,
): (typeof STATISTICS)[number] {
  const cutoff = (years: number) =>
    `to_char((now() at time zone 'Asia/Shanghai')::date - interval '${years} years', 'YYYY-MM-DD')`;
  const column = {
    ORGANIZATION: 'm.branch_id',
    STAGE: 'm.stage',
    MEMBER_TYPE: 'm.member_type',
    GENDER: `coalesce(nullif(m.gender, ''), 'UNKNOWN')`,
    AGE_BAND: `case when coalesce(m.birth_date, '') = '' then 'UNKNOWN' when m.birth_date > ${cutoff(36)} then 'UNDER_36'
      when m.birth_date > ${cutoff(46)} then 'AGE_36_45' when m.birth_date > ${cutoff(61)} then 'AGE_46_60'
      when m.birth_date > ${cutoff(71)} then 'AGE_61_70' else 'OVER_70' end`,
  } as const;
  return {
    name,
    service: 'partybuilding',
    controlled: true,
    direct: true,
    query: `{ partyStatistics(groupBy: [${groupBy.join(', ')}]) { keys { value } count } }`,
    fromGraph: (d) =>
      Object.fromEntries(d.partyStatistics.map((g: any) => [g.keys.map((k: any) => k.value).join(' '), g.count])),
    sql: `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(*) as n from party_member m
          where m.status = 'ACTIVE' and m.community_id like '350203%'
          group by ${groupBy.map((_, i) => i + 1).join(', ')}`,
    fromSql: (rows) =>
      Object.fromEntries(rows.map((r) => [groupBy.map((_, i) => String(r[`d${i}`])).join(' '), Number(r.n)])),
  };
}

/**
 * `eventStatistics` with events, attendances and distinct participants for some of TYPE, MONTH and AUDIENCE and a
 * time window, and the handwritten GROUP BY over events ⋈ registrations ⋈ profiles giving the same numbers.
 */
function eventStatisticsWithPeople(
  name: string,
  groupBy: Array<'TYPE' | 'MONTH' | 'AUDIENCE' | 'VENUE' | 'ORGANISER'>,
  window?: { from: string; to?: string },
  types?: string[],
): (typeof STATISTICS)[number] {
  const column = {
    TYPE: 'e.type',
    MONTH: `to_char(e.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    AUDIENCE: 'e.audience',
    VENUE: `coalesce(e.venue_id, 'UNKNOWN')`,
    // the organiser's stable value (event-statistics-query.ts)
    ORGANISER: `case e.organiser_kind when 'DEPARTMENT' then 'DEPARTMENT:' || coalesce(e.organiser_department, '')
      when 'TEAM' then 'TEAM:' || coalesce(e.organiser_team_id, '')
      else 'ORGANIZATION:' || coalesce(e.organiser_organization_id, '') end`,
  } as const;
  const keyOf = (values: unknown[]) => values.map(String).join(' ');
  const bounds = window ? [`from: "${window.from}"`, ...(window.to ? [`to: "${window.to}"`] : [])] : [];
  const conditions = [...bounds, ...(types ? [`types: [${types.join(', ')}]`] : [])];
  const filter = conditions.length ? `, filter: { ${conditions.join(', ')} }` : '';
  return {
    name,
    service: 'events',
    controlled: true,
    query: `{ eventStatistics(groupBy: [${groupBy.join(', ')}]${filter}) {
      keys { value } events attended uniqueParticipants elderlyShare } }`,
    fromGraph: (d) =>
      Object.fromEntries(
        d.eventStatistics.flatMap((g: any) => {
          const key = keyOf(g.keys.map((k: any) => k.value));
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
            ${window ? `and e.starts_at >= '${window.from}'` : ''} ${window?.to ? `and e.starts_at < '${window.to}'` : ''}
            ${types ? `and e.type in (${types.map((t) => `'${t}'`).join(', ')})` : ''}
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

type CaseDimension = 'GRID' | 'CATEGORY' | 'MONTH' | 'STATUS' | 'CHANNEL' | 'DEPARTMENT';

/**
 * `caseStatistics` (cases and resolved) by some dimensions with a filter (category, channel, department, grid,
 * an opening window on or off month boundaries), as the district analyst sees it (or a street's: `caller`; every
 * cell under disclosure control, the values of the scope listed), and the handwritten GROUP BY over the cases giving
 * the same counts (months of the community calendar). `filter` is the GraphQL filter and `where` its SQL.
 */
function caseCrossTable(
  name: string,
  groupBy: CaseDimension[],
  filter: string,
  where: string,
  caller: Caller = DISTRICT_ANALYST,
): (typeof STATISTICS)[number] {
  const column: Record<CaseDimension, string> = {
    GRID: `coalesce(grid_id, 'UNKNOWN')`,
    CATEGORY: 'category',
    MONTH: `to_char(opened_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    STATUS: 'status',
    CHANNEL: 'channel',
    DEPARTMENT: 'department',
  };
  const field: Record<CaseDimension, string> = {
    GRID: 'gridId',
    CATEGORY: 'category',
    MONTH: 'month',
    STATUS: 'status',
    CHANNEL: 'channel',
    DEPARTMENT: 'department',
  };
  return {
    name,
    service: 'cases',
    controlled: true,
    direct: true,
    caller,
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
          from case_record where community_id like '${caller.community}%' and ${where}
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
  groupBy: Array<'GRID' | 'BUILDING' | 'GENDER' | 'AGE_BAND' | 'RESIDENCE_TYPE' | 'STATUS' | 'CARE_CATEGORY'>,
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
    // each open category but the sensitive (KEY_PERSON: an analyst does not see it), 高龄 also from the birth date
    // when active, NONE without any (see careCategories below)
    CARE_CATEGORY: 'c.code',
  } as const;
  const advanced = `r.status = 'ACTIVE' and r.birth_date is not null and r.birth_date <= ${born(80)}`;
  const careCategories = `cross join lateral (select coalesce(array_agg(x.code), array['NONE']) as codes from (
      select distinct cr.category as code from care_record cr
      where cr.resident_id = r.id and cr.ended_on is null and cr.category <> 'KEY_PERSON'
      union select 'ADVANCED_AGE' where ${advanced}) x) cs cross join unnest(cs.codes) as c(code)`;
  const byCare = groupBy.includes('CARE_CATEGORY');
  const where: Record<string, string> = {
    'minAge: 60': `r.birth_date is not null and r.birth_date <= ${born(60)}`,
    'residenceType: FLOATING': `r.residence_type = 'FLOATING'`,
    'gender: FEMALE': `r.gender = 'FEMALE'`,
    'maxAge: 17': `r.birth_date is not null and r.birth_date > ${born(18)}`,
    'careCategory: ADVANCED_AGE': `r.birth_date is not null and r.birth_date <= ${born(80)}`,
  };
  const base = `from resident r left join household h on h.id = r.household_id left join building b on b.id = h.building_id
          where r.community_id like '350203%' ${filter ? `and ${where[filter]}` : ''}`;
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
    // by care category a resident counts in each of its categories: the total (residents) is a row of its own
    sql: byCare
      ? `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(*) as n
          ${base.replace(' where ', ` ${careCategories} where `)}
          group by ${groupBy.map((_, i) => i + 1).join(', ')}
          union all select ${groupBy.map((_, i) => `'total' as d${i}`).join(', ')}, count(*) ${base}`
      : `select ${groupBy.map((d, i) => `${column[d]} as d${i}`).join(', ')}, count(*) as n ${base}
          group by ${groupBy.map((_, i) => i + 1).join(', ')}`,
    fromSql: (rows) => {
      const groups = rows.filter((r) => r.d0 !== 'total' || !byCare);
      return {
        total: byCare ? Number(rows.find((r) => r.d0 === 'total')!.n) : groups.reduce((sum, r) => sum + Number(r.n), 0),
        ...Object.fromEntries(groups.map((r) => [groupBy.map((_, i) => String(r[`d${i}`])).join(' '), Number(r.n)])),
      };
    },
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
    // steady state: not beside a first scan's backlog nor the events it published (on a fresh district, cases'
    // proactive scan opens the tasks of every resident with a care category; residents' due scan announces every
    // permit and review falling due, which cases turns into tasks)
    const waited = await waitForSettledSystem(system);
    console.log(
      `settled: the first scheduled runs ended after ${waited.scheduled.toFixed(1)} s, their events were applied ` +
        `${waited.events.toFixed(1)} s later`,
    );
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
      /** The message when the gateway refuses the query as a table of too many cells (分组过细), else null. */
      const refusedAsTooFine = async (query: string, caller: Caller): Promise<string | null> => {
        const response = await fetch(system.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await authorizationFor(caller)) },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: Array<{ message?: string }> };
        const tooFine = body.errors?.find((error) => error.message?.startsWith('分组过细'));
        return tooFine?.message ?? null;
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
      const cases = new Client(serviceDatabase(url, 'cases'));
      await cases.connect();
      const caseGrid = String(
        (await cases.query(`select min(grid_id) as id from case_record where grid_id is not null`)).rows[0].id,
      );
      await cases.end();
      for (const chosenStatistic of STATISTICS.filter((statistic) => chosen(statistic.name))) {
        const s = {
          ...chosenStatistic,
          query: chosenStatistic.query.replaceAll(GRID_PLACEHOLDER, caseGrid),
          sql: chosenStatistic.sql.replaceAll(GRID_PLACEHOLDER, caseGrid),
        };
        const caller = s.caller ?? DISTRICT_ANALYST;
        // A table past the cells a controlled table may list (libs/auth MAX_CONTROLLED_GROUPS, e.g. a district's
        // buildings at a million residents) is refused with 分组过细 in every service: printed as such, not timed.
        const refusal = await refusedAsTooFine(s.query, caller);
        if (refusal) {
          row(`| ${s.name} | refused: ${refusal} | – | – | – |`);
          continue;
        }
        const client = new Client(serviceDatabase(url, s.service));
        await client.connect();
        try {
          const graphTimes: number[] = [];
          const sqlTimes: number[] = [];
          const directTimes: number[] = [];
          let graphNumbers: Numbers = {};
          let sqlNumbers: Numbers = {};
          for (let i = 0; i < RUNS + 3; i++) {
            const g = await timed(() => gateway(s.query, caller));
            const q = await timed(() => client.query(s.sql));
            const d = s.direct ? await timed(() => direct(s.service, s.query, caller)) : undefined;
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
