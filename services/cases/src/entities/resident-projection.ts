import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ResidenceType, ResidentStatus } from '@shequ/contracts';

/**
 * Local projection of residents (from residents' events only, never a call): where each resident lives,
 * used to route cases to a grid and to run proactive rules.
 */
@Entity({ tableName: 'resident_projection' })
@Index({ properties: ['householdId'] })
export class ResidentProjection {
  [OptionalProps]?:
    | 'householdId'
    | 'buildingId'
    | 'gridId'
    | 'birthDate'
    | 'status'
    | 'residenceType'
    | 'careCategories'
    | 'lastContactAt'
    | 'knownSince'
    | 'diedOn';

  @PrimaryKey({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  householdId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  buildingId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  gridId: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'string', length: 12 })
  status: ResidentStatus = 'ACTIVE';

  @Property({ type: 'string', length: 10, nullable: true })
  residenceType: ResidenceType | null = null;

  /**
   * The date of death, from `resident.deceased` (which states it with the resident's id and nothing else): a visit
   * dated after it is refused, one logged late for a day before it is not.
   */
  @Property({ type: 'string', length: 10, nullable: true })
  diedOn: string | null = null;

  /** Current care categories (关爱对象), comma-separated codes, from care_category.added/ended. */
  @Property({ type: 'string', length: 300 })
  careCategories: string = '';

  /** Last contact: a visit, a case they are part of, or attendance at an event. */
  @Property({ type: 'datetime', nullable: true })
  lastContactAt: Date | null = null;

  /**
   * Since when the community has known the resident (baseline of the no-contact rule when no contact is on record):
   * when this service first heard of them, or the start of a care category if earlier (an 独居老人 since 2024 with
   * no contact on record has had none since 2024, not since the day this service was installed).
   */
  @Property({ type: 'datetime', nullable: true })
  knownSince: Date | null = null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
