import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { FundDisbursementStatus } from '@shequ/contracts';

/**
 * A 阳光爱心基金 disbursement (residents) answering an assistance case (救助申请): kept from residents' fund events,
 * linked to the case named in the proposal or else to the resident's latest live assistance case.
 */
@Entity({ tableName: 'case_fund_disbursement' })
@Index({ properties: ['caseId'] })
export class CaseFundDisbursement {
  [OptionalProps]?: 'caseId' | 'paidOn' | 'withdrawnOn' | 'status';

  @PrimaryKey({ type: 'string', length: 36 })
  disbursementId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  caseId: string | null = null;

  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'integer' })
  amountFen!: number;

  @Property({ type: 'string', length: 20 })
  status: FundDisbursementStatus = 'PROPOSED';

  @Property({ type: 'string', length: 10 })
  proposedOn!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  paidOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  withdrawnOn: string | null = null;
}
