import type { ChangeSet } from '@mikro-orm/core';
import {
  agedAtLeastSql,
  communityDateSql,
  isoDateSql,
  type DistinctDerivation,
  type DistinctGrouping,
  type RollupDefinition,
} from '@shequ/database';
import { ELDERLY_AGE } from '../domain/audience-rule.js';
import { SEAT_HOLDING } from '../domain/registration-policy.js';
import type { EventStatisticsDimension } from '../domain/vocabularies.js';

/**
 * 活动报名汇总 (`EventRegistrationRollup`): each registration counted under its event, with places taken
 * (`SEAT_HOLDING`), attendance and no-show as 0/1 measures. Moved by any change of a registration; the rules of
 * `eventStatistics` (domain/event-statistics.ts). Counted at start when new (the migration adds empty tables).
 */
export const eventRegistrationRollup: RollupDefinition = {
  table: 'event_registration_rollup',
  memberTable: 'event_registration_rollup_member',
  keyColumns: ['event_id'],
  measureColumns: ['seats', 'attended', 'no_shows'],
  memberIdColumn: 'r."id"',
  currentKeys: (condition) =>
    `select r."id" as "member_id", r."event_id" as "event_id",
       case when r."status" in (${SEAT_HOLDING.map((s) => `'${s}'`).join(', ')}) then 1 else 0 end as "seats",
       case when r."status" = 'ATTENDED' then 1 else 0 end as "attended",
       case when r."status" = 'NO_SHOW' then 1 else 0 end as "no_shows"
     from "registration" r where ${condition}`,
  watches: [{ entity: 'Registration', members: (cs: ChangeSet<object>) => [cs.getPrimaryKey() as string] }],
};

/** The event's columns copied into `event_attendance`, under the same names. */
const EVENT_COLUMNS = [
  'community_id',
  'type',
  'starts_at',
  'venue_id',
  'organiser_kind',
  'organiser_department',
  'organiser_team_id',
  'organiser_organization_id',
  'audience',
];

/** The attendance columns each statistics dimension groups by (labels — venue and team names — joined at query time). */
export const DIMENSION_COLUMNS: Record<EventStatisticsDimension, readonly string[]> = {
  TYPE: ['type'],
  MONTH: ['month'],
  VENUE: ['venue_id'],
  ORGANISER: ['organiser_kind', 'organiser_department', 'organiser_team_id', 'organiser_organization_id'],
  AUDIENCE: ['audience'],
};

/** The dimensions in the order their columns are kept (`DIMENSION_ORDER`), so a set has one grouping name. */
export const DIMENSION_ORDER: readonly EventStatisticsDimension[] = ['TYPE', 'MONTH', 'VENUE', 'ORGANISER', 'AUDIENCE'];

/** Every set of `size` dimensions, each in `DIMENSION_ORDER`. */
const setsOf = (size: number, from = 0): EventStatisticsDimension[][] =>
  size === 0
    ? [[]]
    : DIMENSION_ORDER.slice(from).flatMap((d, i) => setsOf(size - 1, from + i + 1).map((rest) => [d, ...rest]));

/**
 * The dimension sets whose distinct participants are kept (`EventParticipantCount`): every non-empty set of the
 * five dimensions (31 sets: 5 single, 10 pairs, 10 triples, 5 quadruples and all five), so any `groupBy` without a
 * time filter, or with whole community months, reads kept groups. Each set costs a row per resident and group at
 * every scope level on a resident's first attendance there, and a count at start when new (the README's
 * Performance section measures the triples' and the four- and five-dimension sets' cost).
 */
export const KEPT_DIMENSION_SETS: ReadonlyArray<readonly EventStatisticsDimension[]> = [1, 2, 3, 4, 5].flatMap((size) =>
  setsOf(size),
);

/**
 * Calendar periods kept beside the dimensions (not dimensions of the API): a community quarter or year, worked out
 * from the attendance's community month and kept in the `month` column as the period's first month ("2026-07" for
 * July–September, "2026-01" for the year 2026), so a window of exactly one period reads one `month` value.
 */
export type KeptPeriod = 'QUARTER' | 'YEAR';

/** The first month ("YYYY-MM") of a month's quarter or year; '' stays ''. Rule of `PERIOD_DERIVATIONS`' SQL too. */
export const periodStartOf = (period: KeptPeriod, month: string): string => {
  if (!month) return '';
  if (period === 'YEAR') return `${month.slice(0, 4)}-01`;
  const first = Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${month.slice(0, 5)}${String(first).padStart(2, '0')}`;
};

/** `periodStartOf` for the distinct counts: in the write path and, as SQL on both dialects, for the count at start. */
const PERIOD_DERIVATIONS: Record<KeptPeriod, DistinctDerivation> = {
  QUARTER: {
    of: (month) => periodStartOf('QUARTER', month),
    sql: (month) => `case when ${month} = '' then '' else substr(${month}, 1, 5) || case
      when substr(${month}, 6, 2) <= '03' then '01' when substr(${month}, 6, 2) <= '06' then '04'
      when substr(${month}, 6, 2) <= '09' then '07' else '10' end end`,
  },
  YEAR: {
    of: (month) => periodStartOf('YEAR', month),
    sql: (month) => `case when ${month} = '' then '' else substr(${month}, 1, 5) || '01' end`,
  },
};

/**
 * The dimension sets kept per community quarter and year (`KEPT_PERIODS`): every non-empty set without MONTH (15),
 * so a window of exactly one whole quarter or year without MONTH reads kept groups, as one whole month does.
 */
export const KEPT_PERIOD_SETS: ReadonlyArray<readonly EventStatisticsDimension[]> = KEPT_DIMENSION_SETS.filter(
  (set) => !set.includes('MONTH'),
);

export const KEPT_PERIODS: readonly KeptPeriod[] = ['QUARTER', 'YEAR'];

/** Scope prefix lengths kept: a community (12 digits), a street (9), the district (6). */
export const KEPT_SCOPE_LENGTHS = [12, 9, 6] as const;

/**
 * The name of a kept set of dimensions (in `DIMENSION_ORDER`, e.g. `TYPE,MONTH`), and of that set per quarter or
 * year (the period last, e.g. `TYPE,VENUE,QUARTER`).
 */
export const keptGroupingOf = (dimensions: readonly EventStatisticsDimension[], period?: KeptPeriod): string =>
  [...DIMENSION_ORDER.filter((d) => dimensions.includes(d)), ...(period ? [period] : [])].join(',');

/** The kept attendance columns of a set of dimensions, in `DIMENSION_ORDER`. */
export const keptColumnsOf = (dimensions: readonly EventStatisticsDimension[]): string[] =>
  DIMENSION_ORDER.filter((d) => dimensions.includes(d)).flatMap((d) => DIMENSION_COLUMNS[d]);

/**
 * The groupings of `EventParticipantCount`: every kept dimension set, then every set without MONTH per quarter and
 * per year (its columns and the `month` column, holding the period's first month).
 */
const KEPT_GROUPINGS: DistinctGrouping[] = [
  ...KEPT_DIMENSION_SETS.map((set) => ({ name: keptGroupingOf(set), columns: keptColumnsOf(set) })),
  ...KEPT_PERIODS.flatMap((period) =>
    KEPT_PERIOD_SETS.map((set) => ({
      name: keptGroupingOf(set, period),
      columns: [...keptColumnsOf(set), ...DIMENSION_COLUMNS.MONTH],
      derived: { month: PERIOD_DERIVATIONS[period] },
    })),
  ),
];

/**
 * 活动到场 (`EventAttendance`): one member per attended registration of an event not cancelled, keyed by its
 * event (the group table only counts attendances per event); the member table itself is what statistics read to
 * count distinct participants, with the event's dimensions and filters copied in and the resident's two flags
 * (birth date known, 60+ on the community day the event starts — the rule of domain/event-statistics.ts). Moved
 * by a registration's change, by its event's (cancelled, moved, retyped, another venue or organiser) and by the
 * resident profile's (a birth date learned or corrected, a profile arriving after the registrations). Its
 * `distinct` counts keep the distinct participants of the kept dimension sets, and of those without MONTH per
 * community quarter and year, per community, street and district (`EventParticipantCount`), moved by the same
 * changes.
 */
export const eventAttendanceRollup: RollupDefinition = {
  table: 'event_attendance_count',
  memberTable: 'event_attendance',
  keyColumns: ['event_id'],
  memberColumns: [...EVENT_COLUMNS, 'month', 'resident_id', 'known', 'elderly'],
  memberIdColumn: 'r."id"',
  currentKeys: (condition, dialect) =>
    `select r."id" as "member_id", r."event_id" as "event_id",
       ${EVENT_COLUMNS.map((c) => `e."${c}" as "${c}"`).join(', ')},
       ${communityDateSql(dialect, 'e."starts_at"', 'month')} as "month",
       r."resident_id" as "resident_id",
       case when p."birth_date" is not null then 1 else 0 end as "known",
       case when p."birth_date" is not null and ${agedAtLeastSql(
         isoDateSql(dialect, 'p."birth_date"'),
         communityDateSql(dialect, 'e."starts_at"', 'day'),
         ELDERLY_AGE,
       )} then 1 else 0 end as "elderly"
     from "registration" r
     join "community_event" e on e."id" = r."event_id"
     left join "resident_profile" p on p."resident_id" = r."resident_id"
     where r."status" = 'ATTENDED' and e."status" <> 'CANCELLED' and ${condition}`,
  distinct: [
    {
      table: 'event_participant_count',
      person: 'resident_id',
      flags: ['known', 'elderly'],
      scope: { column: 'community_id', lengths: KEPT_SCOPE_LENGTHS },
      groupings: KEPT_GROUPINGS,
    },
  ],
  watches: [
    { entity: 'Registration', members: (cs: ChangeSet<object>) => [cs.getPrimaryKey() as string] },
    {
      entity: 'CommunityEvent',
      membersQuery: `select "id" as "member_id" from "registration" where "event_id" = ? and "status" = 'ATTENDED'`,
    },
    {
      entity: 'ResidentProfile',
      membersQuery: `select "id" as "member_id" from "registration" where "resident_id" = ? and "status" = 'ATTENDED'`,
      membersQueryOnCreate: true,
    },
  ],
};
