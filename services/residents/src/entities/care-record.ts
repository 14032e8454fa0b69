import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { startOfCommunityDay, type CareCategory } from '@shequ/contracts';
import { Resident } from './resident.js';

/** 关爱对象: one category on one resident, from start to end, with its next review date. */
@Entity({ tableName: 'care_record' })
@Index({ properties: ['communityId', 'nextReviewOn'] })
// a resident's open records: the profile, the rollup's care mask (a correlated subquery per resident), closing
@Index({ properties: ['resident', 'endedOn'] })
/**
 * Who has an open record of a category, in resident order (the semi-join of the list filtered by category), with
 * the community (the audit of such a list reads its matches from this index alone).
 */
@Index({ properties: ['category', 'endedOn', 'resident', 'communityId'] })
export class CareRecord {
  [OptionalProps]?:
    'endedOn' | 'endReason' | 'nextReviewOn' | 'grade' | 'reviewDueNotifiedFor' | 'openedAt' | 'closedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => Resident, { ref: true })
  resident!: Ref<Resident>;

  @Property({ type: 'string', length: 30 })
  category!: CareCategory;

  @Property({ type: 'string', length: 10 })
  startedOn!: string;

  /** 认定来源, e.g. 民政局审批, 入户走访. */
  @Property({ type: 'string', length: 100 })
  source!: string;

  /** 残疾等级 and similar (optional). */
  @Property({ type: 'string', length: 20, nullable: true })
  grade: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  endedOn: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  endReason: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  nextReviewOn: string | null = null;

  /**
   * The instant the record became open (`endedOn` null) in this database: lists filtered by its category are
   * audited as a predicate resolved against these instants (`piiAuditTrail`). Records from before the column: the
   * start of `startedOn` in the community's time zone (also the default of a record created without it).
   */
  @Property({ type: 'datetime', nullable: true, onCreate: (r: CareRecord) => startOfCommunityDay(r.startedOn) })
  openedAt!: Date;

  /** The instant `endedOn` was set (the record stopped being open); null while open. */
  @Property({
    type: 'datetime',
    nullable: true,
    onCreate: (r: CareRecord) => (r.endedOn ? startOfCommunityDay(r.endedOn) : null),
  })
  closedAt: Date | null = null;

  /** The due date for which `care_category.review_due` was published (once per due date). */
  @Property({ type: 'string', length: 10, nullable: true })
  reviewDueNotifiedFor: string | null = null;
}
