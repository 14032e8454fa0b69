import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 活动报名汇总: per event, its registrations (`n`, every status), places taken, attendances and no-shows.
 * Maintained with every write of a registration (`application/event-statistics-rollup.ts`), so statistics read
 * one row per event instead of its registrations. Distinct participants do not add up, so they are not here.
 */
@Entity({ tableName: 'event_registration_rollup' })
export class EventRegistrationRollup {
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'event_id' })
  eventId!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;

  @Property({ type: 'integer', fieldName: 'seats' })
  seats!: number;

  @Property({ type: 'integer', fieldName: 'attended' })
  attended!: number;

  @Property({ type: 'integer', fieldName: 'no_shows' })
  noShows!: number;
}

/** Which event each registration is counted under, with its own 0/1 measures (the rollup's diff). */
@Entity({ tableName: 'event_registration_rollup_member' })
export class EventRegistrationRollupMember {
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'string', length: 36, fieldName: 'event_id' })
  eventId!: string;

  @Property({ type: 'integer', fieldName: 'seats' })
  seats!: number;

  @Property({ type: 'integer', fieldName: 'attended' })
  attended!: number;

  @Property({ type: 'integer', fieldName: 'no_shows' })
  noShows!: number;
}
