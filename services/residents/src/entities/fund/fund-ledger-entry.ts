import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { FundDisbursementReason } from '@shequ/contracts';
import type { FundFlow, FundLedgerEntryKind } from '../../domain/fund/fund-vocabularies.js';

/**
 * 台账: one row per change of the fund's money, numbered without gaps per community and never edited (only
 * `reversedByEntryId` is set once, when a reversing entry corrects it). `amountFen` is signed; `balanceAfterFen`
 * is the balance once this entry is applied, never negative.
 */
@Entity({ tableName: 'fund_ledger_entry' })
@Unique({ properties: ['communityId', 'sequence'] })
@Index({ properties: ['communityId', 'occurredOn'] })
export class FundLedgerEntry {
  [OptionalProps]?: 'reason' | 'donationId' | 'disbursementId' | 'reversesEntryId' | 'reversedByEntryId' | 'note';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'integer' })
  sequence!: number;

  @Property({ type: 'string', length: 20 })
  kind!: FundLedgerEntryKind;

  @Property({ type: 'string', length: 10 })
  flow!: FundFlow;

  @Property({ type: 'integer' })
  amountFen!: number;

  @Property({ type: new BigIntType('number') })
  balanceAfterFen!: number;

  @Property({ type: 'string', length: 10 })
  occurredOn!: string;

  @Property({ type: 'string', length: 20, nullable: true })
  reason: FundDisbursementReason | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  donationId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  disbursementId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  reversesEntryId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  reversedByEntryId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  note: string | null = null;

  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
