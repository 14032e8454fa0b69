import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CareRecord } from './care-record.js';

export type CareReviewOutcome = 'CONTINUE' | 'ADJUST' | 'TERMINATE';

/** 复核: a recorded review of a care category (该增的增、该减的减、该终止的终止). */
@Entity({ tableName: 'care_review' })
export class CareReview {
  [OptionalProps]?: 'note' | 'nextReviewOn';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => CareRecord, { ref: true })
  record!: Ref<CareRecord>;

  @Property({ type: 'string', length: 10 })
  outcome!: CareReviewOutcome;

  @Property({ type: 'string', length: 10 })
  reviewedOn!: string;

  /** Staff id of the reviewer. */
  @Property({ type: 'string', length: 36 })
  reviewerStaffId!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  note: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  nextReviewOn: string | null = null;
}
