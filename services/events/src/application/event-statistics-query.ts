import type { EntityManager } from '@mikro-orm/core';
import { addMonths, communityMonth, startOfCommunityDay, type CommunityEventType } from '@shequ/contracts';
import {
  communityDateSql,
  distinctGroupingName,
  sqlDialectOf,
  type EntityManager as SqlEntityManager,
} from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import type { CommunityWhere } from '@shequ/subgraph';
import type { StatisticsGroup } from '../domain/event-statistics.js';
import type { EventStatisticsDimension } from '../domain/vocabularies.js';
import { CommunityEvent } from '../entities/community-event.js';
import {
  DIMENSION_COLUMNS,
  DIMENSION_ORDER,
  KEPT_DIMENSION_SETS,
  KEPT_PERIOD_SETS,
  KEPT_SCOPE_LENGTHS,
  keptGroupingOf,
  type KeptPeriod,
} from './event-statistics-rollup.js';
import { EventAttendance } from '../entities/event-attendance.js';

export interface EventStatisticsFilter {
  from?: Date | null;
  to?: Date | null;
  types?: CommunityEventType[] | null;
}

/** The statistics' filter and scope on `EventAttendance` (which holds only attendances of events not cancelled). */
function attendanceWhere(scope: CommunityWhere, filter: EventStatisticsFilter): Record<string, unknown> {
  const where: Record<string, unknown> = { ...scope };
  if (filter.from || filter.to)
    where.startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.types?.length) where.type = { $in: filter.types };
  return where;
}

/**
 * The organiser as a stable value: `DEPARTMENT:<code>`, `TEAM:<team id>` or `ORGANIZATION:<organisation id>` (labelled
 * by `withEventStatisticsKeys`, event-statistics-keys.ts).
 */
const ORGANISER_SQL = `case e."organiser_kind"
    when 'DEPARTMENT' then 'DEPARTMENT:' || coalesce(e."organiser_department", '')
    when 'TEAM' then 'TEAM:' || coalesce(e."organiser_team_id", '')
    else 'ORGANIZATION:' || coalesce(e."organiser_organization_id", '') end`;

function dimensionSql(em: EntityManager, dimension: EventStatisticsDimension): string {
  switch (dimension) {
    case 'TYPE':
      return 'e."type"';
    case 'MONTH':
      return communityDateSql(em, 'e."starts_at"', 'month');
    case 'VENUE':
      return 'e."venue_id"';
    case 'ORGANISER':
      return ORGANISER_SQL;
    case 'AUDIENCE':
      return 'e."audience"';
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** Every dimension's columns of `event_participant_count`, in the order they are kept. */
const KEPT_COLUMNS = DIMENSION_ORDER.flatMap((d) => DIMENSION_COLUMNS[d]);

/**
 * Distinct participants from the kept counts (`EventParticipantCount`) for the groups they answer exactly: null when
 * the scope, dimensions or filter are not kept (`keptScopeOf`, `keptReadOf`). A group asked for that is exactly one
 * kept group (the kept grouping read may hold MONTH beside the dimensions asked for — a window of one whole month
 * without MONTH —, be the dimensions' per quarter or year, or hold TYPE beside them for a filter of event types) is
 * answered (`exact`); a group made of several kept groups (two of the types asked for at one venue in one month, or
 * kept columns the key does not show) is not: distinct counts of two groups do not add up, so those groups are
 * returned apart (`mixed`, their keys) for the caller to count over their attendances only.
 */
async function keptDistinct(
  em: EntityManager,
  scope: CommunityWhere,
  dimensions: EventStatisticsDimension[],
  filter: EventStatisticsFilter,
  keyOf: (row: Row) => string,
): Promise<{ exact: Map<string, Row>; mixed: Row[] } | null> {
  const at = keptScopeOf(scope);
  const read = keptReadOf(dimensions, filter);
  if (!at || !read) return null;
  const types = filter.types?.length ? [...filter.types] : [];
  // the community months of the window: the kept groups of those months
  const months = [
    ...(read.fromMonth ? [{ sql: ' and "month" >= ?', value: read.fromMonth }] : []),
    ...(read.toMonth ? [{ sql: ' and "month" < ?', value: read.toMonth }] : []),
  ];
  // '' (a column of no grouping, or NULL) back to NULL, so the keys are the attendance query's own expressions
  const rows = (await em.getConnection().execute(
    `select ${dimensions.map((d, i) => `${d === 'MONTH' ? 'e."month"' : dimensionSql(em, d)} as "d${i}"`).join(', ')},
       count(*) as "kept_groups", sum(e."n") as "participants", sum(e."known") as "known", sum(e."elderly") as "elderly"
     from (select ${KEPT_COLUMNS.map((c) => `nullif("${c}", '') as "${c}"`).join(', ')}, "n", "known", "elderly"
       from "event_participant_count"
       where "grouping" = ? and "scope" = ? and "n" > 0${types.length ? ` and "type" in (${types.map(() => '?').join(', ')})` : ''}${months
         .map((m) => m.sql)
         .join('')}) e
     group by ${dimensions.map((_, i) => i + 1).join(', ')}`,
    [
      distinctGroupingName(at.length, keptGroupingOf(read.set, read.period)),
      at.code,
      ...types,
      ...months.map((m) => m.value),
    ],
  )) as Row[];
  const exact = new Map<string, Row>();
  const mixed: Row[] = [];
  for (const row of rows) {
    if (Number(row.kept_groups) > 1) mixed.push(row);
    else exact.set(keyOf(row), row);
  }
  return { exact, mixed };
}

/** The numbers of a group that need every attendee (distinct participants), asked for apart. */
export const DISTINCT_MEASURES = ['uniqueParticipants', 'elderlyShare'] as const;

export interface EventStatisticsOptions {
  /**
   * Whether to count distinct participants (`uniqueParticipants`, `elderlyShare`); default true. Without them the
   * query reads one rollup row per event and no registration; with them, the narrow attendance table too
   * (`event_attendance`, one row per attendance with the resident's flags).
   */
  distinct?: boolean;
  /**
   * Whether distinct participants may be read from the kept counts (`EventParticipantCount`) when they answer the
   * query exactly; default true. False counts them over `event_attendance` (for comparisons).
   */
  kept?: boolean;
  /**
   * At most this many groups the kept counts do not answer are counted apart by their keys; more, and the whole
   * window's attendances are counted (default `MIXED_GROUPS_NAMED`; lower only to test that branch).
   */
  namedGroups?: number;
  /**
   * Whether each group also carries `known` (its participants of known age, the denominator of `elderlyShare`),
   * for disclosure control (event-statistics-disclosure.ts); default false.
   */
  bases?: boolean;
}

/**
 * The kept scope answering `scope` exactly: one community (its code, 12), or every community under a street (9
 * digits) or district (6) code — `community_id like 'P%'` is `substr(community_id, 1, length(P)) = P`. Null for
 * several named communities or any other prefix: distinct participants do not add up across communities.
 */
export function keptScopeOf(scope: CommunityWhere): { length: number; code: string } | null {
  const where = scope.communityId;
  if (typeof where === 'string') return { length: 12, code: where };
  if ('$in' in where) return where.$in.length === 1 ? { length: 12, code: where.$in[0] } : null;
  const prefix = /^(\d+)%$/.exec(where.$like)?.[1];
  return prefix && (KEPT_SCOPE_LENGTHS as readonly number[]).includes(prefix.length)
    ? { length: prefix.length, code: prefix }
    : null;
}

/** Whether an instant begins a month of the community calendar (00:00 of its 1st day, UTC+8). */
export const startsCommunityMonth = (instant: Date): boolean =>
  startOfCommunityDay(`${communityMonth(instant)}-01`).getTime() === instant.getTime();

/** The instant the community month of `instant` begins (00:00 of its 1st day, UTC+8), or the next one's. */
const monthStartOf = (instant: Date, next = 0): Date =>
  startOfCommunityDay(addMonths(`${communityMonth(instant)}-01`, next));

/**
 * A time filter with MONTH among the dimensions and a bound inside a community month, split into the whole months
 * it covers (`whole`, for the kept counts) and the parts of months at its edges (`edges`, each inside one month);
 * null when the filter is already whole months, has no time bound, or covers no whole month.
 */
export function monthSplitOf(
  dimensions: readonly EventStatisticsDimension[],
  filter: EventStatisticsFilter,
): { whole: EventStatisticsFilter; edges: EventStatisticsFilter[] } | null {
  const { from, to } = filter;
  if (!dimensions.includes('MONTH') || (!from && !to)) return null;
  if ((!from || startsCommunityMonth(from)) && (!to || startsCommunityMonth(to))) return null;
  const first = from && (startsCommunityMonth(from) ? from : monthStartOf(from, 1));
  const last = to && (startsCommunityMonth(to) ? to : monthStartOf(to));
  if (first && last && first.getTime() >= last.getTime()) return null;
  return {
    whole: { ...filter, from: first ?? null, to: last ?? null },
    edges: [
      ...(from && first && from.getTime() < first.getTime() ? [{ ...filter, from, to: first }] : []),
      ...(to && last && last.getTime() < to.getTime() ? [{ ...filter, from: last, to }] : []),
    ],
  };
}

/** What the kept counts are read for a query: a kept dimension set and the community months ("YYYY-MM") read. */
export interface KeptRead {
  /** The kept set read: the dimensions asked for, with MONTH added for a window of one whole month without it. */
  set: readonly EventStatisticsDimension[];
  /**
   * For a window of one whole community quarter or year without MONTH: the set kept per that period, whose `month`
   * holds the period's first month (so `fromMonth` and `toMonth` select that one period).
   */
  period?: KeptPeriod;
  /**
   * Whether TYPE was added to the dimensions for a filter of several event types: a group asked for may then be
   * several kept groups (one per type), answered by counting its attendances (`keptDistinct`'s `mixed`).
   */
  combinesTypes?: boolean;
  /** The first community month read, or null from the first. */
  fromMonth: string | null;
  /** The community month after the last read, or null to the last. */
  toMonth: string | null;
}

/**
 * Whether, and how, the kept counts answer distinct participants for these dimensions and filter exactly: the
 * dimensions (or, for one whole month without MONTH, the dimensions and MONTH) are a kept set, event types are a
 * filter on a TYPE dimension or one type (read from the kept set with TYPE added, that type's groups), and a time
 * filter is of whole community months (bounds at 00:00 of a 1st, UTC+8):
 * - MONTH among the dimensions: every group is one month, so the groups of the months in the window are exactly
 *   its kept groups, for any number of months;
 * - without MONTH, exactly one month: a group of the dimensions D in that month is exactly one kept group of
 *   D ∪ {MONTH} (the same labels, that month), so the kept D ∪ {MONTH} rows of that month answer it;
 * - without MONTH, exactly one community quarter (from 1 January, April, July or October to the next quarter's
 *   start) or one community year: likewise one kept group of D per that period (`KEPT_PERIOD_SETS`);
 * - several event types without TYPE: the kept set with TYPE added, each type's groups (`combinesTypes`: a group
 *   where two of the types took place is counted over its attendances);
 * - without MONTH, any other window of several months (or a bound open): null. A resident who attended in July and
 *   in August is one participant of the two months together but counted in each month's group: distinct counts do
 *   not add across months (nor quarters), and no kept grouping spans an arbitrary window (counted over the
 *   window's attendances).
 * Bounds inside a month: null (`monthSplitOf` splits such a window when MONTH is among the dimensions).
 */
export function keptReadOf(
  dimensions: readonly EventStatisticsDimension[],
  filter: EventStatisticsFilter,
): KeptRead | null {
  const { from, to } = filter;
  const types = filter.types?.length ? new Set(filter.types).size : 0;
  if ((from && !startsCommunityMonth(from)) || (to && !startsCommunityMonth(to))) return null;
  if (types === 1 && !dimensions.includes('TYPE')) {
    // one type without TYPE: a group of the dimensions D among that type's events is exactly one kept group of
    // D ∪ {TYPE} (that type's), read as such
    return keptReadOf([...dimensions, 'TYPE'], filter);
  }
  if (types > 1 && !dimensions.includes('TYPE')) {
    // several types without TYPE: a resident at a lecture and at a gala is one participant of the two, counted in
    // each type's kept group — no kept grouping spans them. A group of D where one of the types took place is
    // still exactly that type's kept group of D ∪ {TYPE}; the groups where two or more did are counted apart
    const read = keptReadOf([...dimensions, 'TYPE'], filter);
    return read && { ...read, combinesTypes: true };
  }
  const months = { fromMonth: from ? communityMonth(from) : null, toMonth: to ? communityMonth(to) : null };
  const isKept = (sets: ReadonlyArray<readonly EventStatisticsDimension[]>, set: readonly EventStatisticsDimension[]) =>
    sets.some((s) => s.length === set.length && s.every((d) => set.includes(d)));
  if ((from || to) && !dimensions.includes('MONTH')) {
    if (!from || !to) return null;
    if (monthStartOf(from, 1).getTime() === to.getTime()) {
      const set: EventStatisticsDimension[] = [...dimensions, 'MONTH'];
      return isKept(KEPT_DIMENSION_SETS, set) ? { set, ...months } : null;
    }
    const period = periodOf(from, to);
    return period && isKept(KEPT_PERIOD_SETS, dimensions) ? { set: dimensions, period, ...months } : null;
  }
  return isKept(KEPT_DIMENSION_SETS, dimensions) ? { set: dimensions, ...months } : null;
}

/**
 * The community period a window of whole months is exactly: a quarter (from the 1st of January, April, July or
 * October, three months) or a year (from 1 January, twelve months); null otherwise.
 */
function periodOf(from: Date, to: Date): KeptPeriod | null {
  const month = Number(communityMonth(from).slice(5, 7));
  if ((month - 1) % 3 === 0 && monthStartOf(from, 3).getTime() === to.getTime()) return 'QUARTER';
  if (month === 1 && monthStartOf(from, 12).getTime() === to.getTime()) return 'YEAR';
  return null;
}

type Row = Record<string, unknown>;

/** At most this many groups are counted apart by their keys; more, and the whole window is counted. */
const MIXED_GROUPS_NAMED = 500;

/**
 * The condition selecting the attendances of the groups `only` (rows with the keys `d0`, `d1` …), with its bindings;
 * null when there are too many to name (`MIXED_GROUPS_NAMED`).
 */
function groupsCondition(
  em: EntityManager,
  dimensions: EventStatisticsDimension[],
  only: readonly Row[],
  named = MIXED_GROUPS_NAMED,
): { sql: string; bindings: unknown[] } | null {
  if (only.length > named) return null;
  const columns = dimensions.map((d) => (d === 'MONTH' ? 'e."month"' : dimensionSql(em, d)));
  const bindings: unknown[] = [];
  const groups = only.map((row) => {
    const parts = columns.map((column, i) => {
      // the kept rows' key values as read: text (or a number, as a driver may give one)
      const value = row[`d${i}`] as string | number | null | undefined;
      if (value == null) return `${column} is null`;
      bindings.push(String(value));
      return `${column} = ?`;
    });
    return `(${parts.join(' and ')})`;
  });
  return { sql: `(${groups.join(' or ')})`, bindings };
}

/**
 * Distinct participants counted over `event_attendance` (the caller's scope, dimensions and filter): one row per
 * (group, attendee), then counted. With `only`, just those groups' attendances (the groups the kept counts do not
 * answer), when few enough to name.
 */
async function scanDistinct(
  em: EntityManager,
  scope: CommunityWhere,
  dimensions: EventStatisticsDimension[],
  filter: EventStatisticsFilter,
  only?: readonly Row[],
  named?: number,
): Promise<Row[]> {
  const groupByColumns = dimensions.map((_, i) => i + 1).join(', ');
  // From the narrow fact table `event_attendance` (aliased "e": the event's columns under their own names), one
  // row per (group, attendee), then counted. For one dimension among TYPE, MONTH and AUDIENCE an index on
  // (dimension, resident, …filters, flags) hands the rows already in that order: an index-only scan, no hash
  // and no sort.
  const attendance = (em as unknown as SqlEntityManager)
    .createQueryBuilder(EventAttendance, 'e')
    .select('e.member_id')
    .where(attendanceWhere(scope, filter))
    .getKnexQuery()
    .toSQL();
  const at = attendance.sql.indexOf(' where ');
  const groups = only ? groupsCondition(em, dimensions, only, named) : null;
  const condition = `${at < 0 ? '1 = 1' : attendance.sql.slice(at + ' where '.length)}${groups ? ` and ${groups.sql}` : ''}`;
  const attendanceKeys = dimensions
    .map((d, i) => `${d === 'MONTH' ? 'e."month"' : dimensionSql(em, d)} as "d${i}"`)
    .join(', ');
  const outer = dimensions.map((_, i) => `"d${i}"`).join(', ');
  // no join: venues and organisers are grouped by their ids (named afterwards, event-statistics-keys.ts), and
  // PostgreSQL plans the ordered index-only scan only without joins
  const sql = `select ${outer}, count(*) as "participants", sum("known") as "known", sum("elderly") as "elderly"
    from (select ${attendanceKeys}, e."resident_id", max(e."known") as "known", max(e."elderly") as "elderly"
      from "event_attendance" e
      where ${condition}
      group by ${groupByColumns}, e."resident_id") a
    group by ${outer}`;
  const bindings = [...(attendance.bindings as unknown[]), ...(groups?.bindings ?? [])];
  // PostgreSQL compiles a plan this size (JIT, 15–130 ms at a million attendances) for no gain: off for this one
  const rows: Row[] = (
    sqlDialectOf(em) === 'postgresql'
      ? await em.fork().transactional(async (tx) => {
          const connection = tx.getConnection();
          await connection.execute('set local jit = off', [], 'run', tx.getTransactionContext());
          // one row per (group, attendee) hashed in memory rather than sorted on disk: 2× at 176,831 attendances
          // and three dimensions (939 → 457 ms), no gain at 889,270 (spilled either way); bounded, so memory
          // still does not grow with the rows covered
          await connection.execute(`set local work_mem = '64MB'`, [], 'run', tx.getTransactionContext());
          return (await connection.execute(sql, bindings, 'all', tx.getTransactionContext())) as Row[];
        })
      : await em.getConnection().execute(sql, bindings)
  ) as Row[];
  return rows;
}

/**
 * 活动统计 by the database, the rules of `eventStatistics` in domain/event-statistics.ts: the events in scope
 * (not cancelled) grouped by the chosen dimensions, places, attendance and no-shows summed from the per-event
 * rollup (`EventRegistrationRollup`, kept with every registration write), so a query reads one row per event,
 * not its registrations. Distinct participants do not add up across events (nor across communities: a resident
 * who moved may have attended in two): when asked, they are read from the counts kept per community, street and
 * district for every set of dimensions (`EventParticipantCount`) when those answer exactly (`keptScopeOf`,
 * `keptReadOf`: no time filter, whole months with MONTH, or one whole month, quarter or year; a group that is
 * several kept groups — two of the types asked for — counted over its own attendances),
 * else counted by a second grouped query over `event_attendance`, kept with every write like the rollup (60+ on the
 * community day the event starts). Memory holds the groups only.
 */
export async function eventStatisticsOf(
  em: EntityManager,
  scope: CommunityWhere,
  groupBy: EventStatisticsDimension[],
  filter: EventStatisticsFilter = {},
  options: EventStatisticsOptions = {},
): Promise<Array<StatisticsGroup & { known?: number }>> {
  if (groupBy.length === 0) throw new InvalidInputError('groupBy', '请至少选择一个分组维度');
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime())
    throw new InvalidInputError('filter.to', '截止时间须晚于起始时间');
  const dimensions = [...new Set(groupBy)];
  const where: Record<string, unknown> = { ...scope, status: { $ne: 'CANCELLED' } };
  if (filter.from || filter.to)
    where.startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  if (filter.types?.length) where.type = { $in: filter.types };
  const inScope = (em as unknown as SqlEntityManager)
    .createQueryBuilder(CommunityEvent, 'e0')
    .select('e0.id')
    .where(where)
    .getKnexQuery()
    .toSQL();
  const keys = dimensions.map((d, i) => `${dimensionSql(em, d)} as "d${i}"`).join(', ');
  const groupByColumns = dimensions.map((_, i) => i + 1).join(', ');
  const execute = async (sql: string) =>
    (await em.getConnection().execute(sql, inScope.bindings as unknown[])) as Row[];
  const keyOf = (row: Row) =>
    JSON.stringify(dimensions.map((_, i) => (row[`d${i}`] == null ? null : String(row[`d${i}`]))));
  // distinct participants (kept counts, or counted over the attendances) on their own connection beside the
  // summed events: the two queries read different tables and neither waits for the other
  const distinctRows = async (): Promise<Map<string, Row>> => {
    const distinct = new Map<string, Row>();
    if (!(options.distinct ?? true)) return distinct;
    // the groups the kept counts answer, then the others (several kept groups under one key) counted over their
    // own attendances
    const completed = async (kept: { exact: Map<string, Row>; mixed: Row[] }, within: EventStatisticsFilter) => [
      ...kept.exact.values(),
      ...(kept.mixed.length ? await scanDistinct(em, scope, dimensions, within, kept.mixed, options.namedGroups) : []),
    ];
    const kept = (options.kept ?? true) ? await keptDistinct(em, scope, dimensions, filter, keyOf) : null;
    // MONTH among the dimensions, a window from or to an instant inside a month: every group lies in one month,
    // so the whole months inside the window come from the kept groups and only the partial months at its edges
    // are counted over their attendances (few rows: at most two months' part)
    const split = !kept && (options.kept ?? true) ? monthSplitOf(dimensions, filter) : null;
    const whole = split && (await keptDistinct(em, scope, dimensions, split.whole, keyOf));
    const rows = kept ? await completed(kept, filter) : whole ? await completed(whole, split.whole) : [];
    if (!kept)
      for (const part of whole ? split.edges : [filter])
        rows.push(...(await scanDistinct(em, scope, dimensions, part)));
    for (const row of rows) distinct.set(keyOf(row), row);
    return distinct;
  };
  const [summed, distinct] = await Promise.all([
    execute(`select ${keys},
      count(*) as "events",
      sum(coalesce(g."seats", 0)) as "registrations",
      sum(coalesce(g."attended", 0)) as "attended",
      sum(coalesce(g."no_shows", 0)) as "no_shows"
    from "community_event" e
    left join "event_registration_rollup" g on g."event_id" = e."id"
    where e."id" in (${inScope.sql})
    group by ${groupByColumns}`),
    distinctRows(),
  ]);
  return summed
    .map((row) => {
      const n = (column: string, from: Row | undefined = row) => Number(from?.[column] ?? 0);
      const people = distinct.get(keyOf(row));
      const [done, absent, known] = [n('attended'), n('no_shows'), n('known', people)];
      return {
        key: Object.fromEntries(dimensions.map((d, i) => [d, row[`d${i}`] == null ? null : String(row[`d${i}`])])),
        events: n('events'),
        registrations: n('registrations'),
        attended: done,
        noShows: absent,
        attendanceRate: done + absent > 0 ? round(done / (done + absent)) : null,
        uniqueParticipants: n('participants', people),
        elderlyShare: known > 0 ? round(n('elderly', people) / known) : null,
        ...(options.bases ? { known } : {}),
      };
    })
    .sort((a, b) =>
      JSON.stringify(dimensions.map((d) => a.key[d] ?? '')).localeCompare(
        JSON.stringify(dimensions.map((d) => b.key[d] ?? '')),
      ),
    );
}
