import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { FundApplicationStatus } from '../../domain/fund/fund-vocabularies.js';
import { FundProgramme } from './fund-programme.js';
import { FundProgrammeRound } from './fund-programme-round.js';

/**
 * An application for a resident: to a sponsored programme's round (an award becomes a disbursement of the
 * fund, through the same approval and 公示) or to an outside body (tracked to its outcome and amount).
 */
@Entity({ tableName: 'fund_application' })
@Index({ properties: ['communityId', 'status'] })
export class FundApplication {
  [OptionalProps]?:
    'status' | 'round' | 'decidedOn' | 'awardedFen' | 'outcomeNote' | 'disbursementId' | 'externalReference';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => FundProgramme, { ref: true })
  programme!: Ref<FundProgramme>;

  @ManyToOne(() => FundProgrammeRound, { ref: true, nullable: true })
  round: Ref<FundProgrammeRound> | null = null;

  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 10 })
  appliedOn!: string;

  /** 申请情况 (personal: protected like a care category). */
  @Property({ type: 'string', length: 500 })
  statement!: string;

  @Property({ type: 'string', length: 20 })
  status: FundApplicationStatus = 'SUBMITTED';

  @Property({ type: 'string', length: 10, nullable: true })
  decidedOn: string | null = null;

  @Property({ type: 'integer', nullable: true })
  awardedFen: number | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  outcomeNote: string | null = null;

  /** For a sponsored award: the disbursement paying it out of the fund. */
  @Property({ type: 'string', length: 36, nullable: true })
  disbursementId: string | null = null;

  /** The outside body's file number (e.g. 红十字会 受理编号). */
  @Property({ type: 'string', length: 50, nullable: true })
  externalReference: string | null = null;
}
