import type { ChangeSet } from '@mikro-orm/core';
import { agedAtLeastSql, communityDateSql, isoDateSql, type RollupDefinition } from '@shequ/database';
import { ELDERLY_AGE } from '../domain/audience-rule.js';
import { SEAT_HOLDING } from '../domain/registration-policy.js';

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

/**
 * 活动到场 (`EventAttendance`): one member per attended registration of an event not cancelled, keyed by its
 * event (the group table only counts attendances per event); the member table itself is what statistics read to
 * count distinct participants, with the event's dimensions and filters copied in and the resident's two flags
 * (birth date known, 60+ on the community day the event starts — the rule of domain/event-statistics.ts). Moved
 * by a registration's change, by its event's (cancelled, moved, retyped, another venue or organiser) and by the
 * resident profile's (a birth date learned or corrected, a profile arriving after the registrations).
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
