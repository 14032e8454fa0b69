import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 活动到场 (a narrow fact table): one row per attended registration of an event not cancelled, with what
 * statistics group and filter by (the event's community, type, community month, start, venue, organiser,
 * audience), the resident and two 0/1 flags — birth date known, 60+ on the community day the event starts.
 * Kept with every write of a registration, an event or a resident profile (`eventAttendanceRollup`,
 * application/event-statistics-rollup.ts), so distinct participants are counted from one narrow table, without
 * joining events and profiles: for the common single dimensions in the order of an index, (dimension, resident),
 * an index-only scan already sorted for counting each resident once per group (no hash, no sort); with a
 * time filter (`from`/`to`), an index led by the start, covering every dimension (TYPE, MONTH, AUDIENCE, VENUE and
 * ORGANISER's four columns): an index-only range scan of the window's attendances for any `groupBy`, instead of a
 * scan of the table (VENUE or ORGANISER over a window read the whole table before, 2026-12-05 in
 * docs/performance.md). The venue's and team's names are joined at query time (a rename changes no row here).
 */
@Entity({ tableName: 'event_attendance' })
@Index({ properties: ['type', 'residentId', 'communityId', 'startsAt', 'known', 'elderly'] })
@Index({ properties: ['month', 'residentId', 'communityId', 'startsAt', 'type', 'known', 'elderly'] })
@Index({ properties: ['audience', 'residentId', 'communityId', 'startsAt', 'type', 'known', 'elderly'] })
@Index({ properties: ['residentId'] })
@Index({
  properties: [
    'startsAt',
    'communityId',
    'type',
    'month',
    'audience',
    'venueId',
    'organiserKind',
    'organiserDepartment',
    'organiserTeamId',
    'organiserOrganizationId',
    'residentId',
    'known',
    'elderly',
  ],
})
export class EventAttendance {
  /** The registration. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'string', length: 36, fieldName: 'event_id' })
  eventId!: string;

  @Property({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @Property({ type: 'string', length: 30 })
  type!: string;

  /** `YYYY-MM` of the community calendar. */
  @Property({ type: 'string', length: 7 })
  month!: string;

  @Property({ type: 'datetime', fieldName: 'starts_at' })
  startsAt!: Date;

  @Property({ type: 'string', length: 36, nullable: true, fieldName: 'venue_id' })
  venueId!: string | null;

  @Property({ type: 'string', length: 20, fieldName: 'organiser_kind' })
  organiserKind!: string;

  @Property({ type: 'string', length: 30, nullable: true, fieldName: 'organiser_department' })
  organiserDepartment!: string | null;

  @Property({ type: 'string', length: 36, nullable: true, fieldName: 'organiser_team_id' })
  organiserTeamId!: string | null;

  @Property({ type: 'string', length: 36, nullable: true, fieldName: 'organiser_organization_id' })
  organiserOrganizationId!: string | null;

  @Property({ type: 'string', length: 30 })
  audience!: string;

  @Property({ type: 'string', length: 36, fieldName: 'resident_id' })
  residentId!: string;

  /** 1 when the resident's birth date is known. */
  @Property({ type: 'smallint' })
  known!: number;

  /** 1 when the resident was 60 or older on the community day the event starts. */
  @Property({ type: 'smallint' })
  elderly!: number;
}

/** Attendances per event (the rollup's group table; the member table above is what statistics read). */
@Entity({ tableName: 'event_attendance_count' })
export class EventAttendanceCount {
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'event_id' })
  eventId!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 活动参加人数 kept per group (`distinct` of `eventAttendanceRollup`): for each kept grouping of the statistics'
 * dimensions (`grouping`, e.g. `9:type,month`: the scope's length — community 12, street 9, district 6 digits — and
 * the attendance columns grouped by) and each scope (`scope`, that prefix of the event's community), the residents
 * with at least one attendance there (`n`), those of them whose birth date is known (`known`) and those 60+ on the
 * community day of at least one of those events (`elderly`). Columns a grouping does not use hold ''. Kept by each
 * resident's multiplicity in the group (their rows of `event_attendance`), so a query over a community, a street or
 * the district reads its groups instead of every attendance.
 */
@Entity({ tableName: 'event_participant_count' })
export class EventParticipantCount {
  @PrimaryKey({ type: 'string', length: 60 })
  grouping!: string;

  @PrimaryKey({ type: 'string', length: 12 })
  scope!: string;

  @PrimaryKey({ type: 'string', length: 30 })
  type!: string;

  @PrimaryKey({ type: 'string', length: 7 })
  month!: string;

  @PrimaryKey({ type: 'string', length: 36, fieldName: 'venue_id' })
  venueId!: string;

  @PrimaryKey({ type: 'string', length: 20, fieldName: 'organiser_kind' })
  organiserKind!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'organiser_department' })
  organiserDepartment!: string;

  @PrimaryKey({ type: 'string', length: 36, fieldName: 'organiser_team_id' })
  organiserTeamId!: string;

  @PrimaryKey({ type: 'string', length: 36, fieldName: 'organiser_organization_id' })
  organiserOrganizationId!: string;

  @PrimaryKey({ type: 'string', length: 30 })
  audience!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;

  @Property({ type: 'integer' })
  known!: number;

  @Property({ type: 'integer' })
  elderly!: number;
}
