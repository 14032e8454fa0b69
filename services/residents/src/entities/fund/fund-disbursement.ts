import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { FundDisbursementReason, FundDisbursementStatus } from '@shequ/contracts';

/**
 * 救助: an amount for a resident (and household) for a reason, proposed by 保障站, approved by the 两委 (decision
 * date and approvers), published for 公示, then paid — or withdrawn before payment. The reason and the statement
 * reveal hardship: shown only to roles that see care categories.
 */
@Entity({ tableName: 'fund_disbursement' })
@Index({ properties: ['communityId', 'status'] })
@Index({ properties: ['communityId', 'residentId'] })
export class FundDisbursement {
  [OptionalProps]?:
    | 'status'
    | 'householdId'
    | 'caseId'
    | 'programmeId'
    | 'applicationId'
    | 'approvedOn'
    | 'approvers'
    | 'decisionReference'
    | 'publishedOn'
    | 'publicityDays'
    | 'publicityEndsOn'
    | 'challengedOn'
    | 'challengeNote'
    | 'challengeResolution'
    | 'paidOn'
    | 'ledgerEntryId'
    | 'withdrawnOn'
    | 'withdrawReason';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  householdId: string | null = null;

  @Property({ type: 'string', length: 20 })
  reason!: FundDisbursementReason;

  /** 情况说明 (personal: protected like a care category). */
  @Property({ type: 'string', length: 500 })
  statement!: string;

  @Property({ type: 'integer' })
  amountFen!: number;

  @Property({ type: 'string', length: 20 })
  status: FundDisbursementStatus = 'PROPOSED';

  /** The assistance case (cases service, 救助申请) this answers, when there is one. */
  @Property({ type: 'string', length: 36, nullable: true })
  caseId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  programmeId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  applicationId: string | null = null;

  @Property({ type: 'string', length: 10 })
  proposedOn!: string;

  @Property({ type: 'string', length: 100 })
  proposedBy!: string;

  /** 两委 decision. */
  @Property({ type: 'string', length: 10, nullable: true })
  approvedOn: string | null = null;

  /** Approvers' names, separated by 、 */
  @Property({ type: 'string', length: 200, nullable: true })
  approvers: string | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  decisionReference: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  publishedOn: string | null = null;

  @Property({ type: 'integer', nullable: true })
  publicityDays: number | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  publicityEndsOn: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  challengedOn: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  challengeNote: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  challengeResolution: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  paidOn: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  ledgerEntryId: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  withdrawnOn: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  withdrawReason: string | null = null;
}
