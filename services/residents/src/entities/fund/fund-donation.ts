import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { FundDonationForm } from '@shequ/contracts';
import { FundDonor } from './fund-donor.js';

/** 捐赠: money (in fen) or goods (described and valued in fen), with its receipt; a gala's collection names the event. */
@Entity({ tableName: 'fund_donation' })
@Unique({ properties: ['communityId', 'receiptNumber'] })
@Index({ properties: ['communityId', 'receivedOn'] })
export class FundDonation {
  [OptionalProps]?: 'itemDescription' | 'eventId' | 'programmeId' | 'ledgerEntryId' | 'note';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => FundDonor, { ref: true })
  donor!: Ref<FundDonor>;

  @Property({ type: 'string', length: 10 })
  form!: FundDonationForm;

  /** Money in fen, or the valuation of goods in fen. */
  @Property({ type: 'integer' })
  amountFen!: number;

  @Property({ type: 'string', length: 200, nullable: true })
  itemDescription: string | null = null;

  @Property({ type: 'string', length: 30 })
  receiptNumber!: string;

  @Property({ type: 'string', length: 10 })
  receivedOn!: string;

  /** The event (events service) where it was collected, e.g. a gala. */
  @Property({ type: 'string', length: 36, nullable: true })
  eventId: string | null = null;

  /** A sponsor's gift earmarked for a programme (e.g. the 助学金). */
  @Property({ type: 'string', length: 36, nullable: true })
  programmeId: string | null = null;

  /** Its income entry (money only). */
  @Property({ type: 'string', length: 36, nullable: true })
  ledgerEntryId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  note: string | null = null;

  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
