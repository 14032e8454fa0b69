import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 身份证号更正的记录: which resident's ID number was corrected, when, by whom and why. Neither the old nor the new
 * number is kept here (the resident's row holds the current one); the reason is the worker's own words.
 */
@Entity({ tableName: 'resident_identity_correction' })
@Index({ properties: ['residentId', 'correctedAt'] })
export class ResidentIdentityCorrection {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36 })
  residentId!: string;

  /** The fields the correction changed: `idNumber` and, when they changed with it, `gender`, `birthDate`. */
  @Property({ type: 'string', length: 100 })
  changedFields!: string;

  @Property({ type: 'datetime' })
  correctedAt!: Date;

  /** Who corrected it (user or machine id). */
  @Property({ type: 'string', length: 100 })
  correctedBy!: string;

  /** 更正原因 (2–200 characters). */
  @Property({ type: 'string', length: 200 })
  reason!: string;
}
