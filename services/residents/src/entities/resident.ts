import { Entity, OptionalProps, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { Gender, ResidenceType, ResidentStatus } from '@shequ/contracts';
import { Household } from './household.js';

export type RelationToHead = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'OTHER';

/** 居民: a person of the community's actual population (实有人口). Never deleted: status records moves and deaths. */
@Entity({ tableName: 'resident' })
@Index({ properties: ['communityId', 'status'] })
/*
 * The list's indexes (issue 16: a page in under 50 ms at a million residents): keyset order (`id`) within one
 * community; a name prefix with the caller's communities (counted from the index alone); a birth-date bound (高龄,
 * ages) with the id the audit of a care filter reads. The household's (a grid's, a building's residents) is on
 * the relation.
 */
@Index({ properties: ['communityId', 'id'] })
@Index({ properties: ['name', 'communityId'] })
@Index({ properties: ['birthDate', 'communityId', 'id'] })
export class Resident {
  [OptionalProps]?:
    | 'gender'
    | 'birthDate'
    | 'phone'
    | 'household'
    | 'relationToHead'
    | 'residenceType'
    | 'residencePermitIssuedOn'
    | 'residencePermitExpiresOn'
    | 'status'
    | 'createdAt'
    | 'updatedAt'
    | 'movedInOn'
    | 'movedOutOn'
    | 'moveOutDestination'
    | 'diedOn'
    | 'permitExpiringNotifiedFor';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 50 })
  name!: string;

  /** 居民身份证号, normalised (upper-case X). */
  @Unique()
  @Property({ type: 'string', length: 18 })
  idNumber!: string;

  @Property({ type: 'string', length: 6, nullable: true })
  gender: Gender | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  phone: string | null = null;

  @Index()
  @ManyToOne(() => Household, { ref: true, nullable: true })
  household: Ref<Household> | null = null;

  @Property({ type: 'string', length: 12 })
  relationToHead: RelationToHead = 'OTHER';

  @Property({ type: 'string', length: 12 })
  residenceType: ResidenceType = 'REGISTERED';

  /** 居住证 (floating residents) */
  @Property({ type: 'string', length: 10, nullable: true })
  residencePermitIssuedOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  residencePermitExpiresOn: string | null = null;

  @Property({ type: 'string', length: 12 })
  status: ResidentStatus = 'ACTIVE';

  /** 迁入日期 (into the current household). */
  @Property({ type: 'string', length: 10, nullable: true })
  movedInOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  movedOutOn: string | null = null;

  /** 迁往地 */
  @Property({ type: 'string', length: 100, nullable: true })
  moveOutDestination: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  diedOn: string | null = null;

  /** The permit expiry date for which `floating.registration_expiring` was published (once per permit). */
  @Property({ type: 'string', length: 10, nullable: true })
  permitExpiringNotifiedFor: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
