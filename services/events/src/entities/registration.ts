import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { RegistrationStatus } from '@shequ/contracts';
import { CommunityEvent } from './community-event.js';

/** 报名: a resident's place (or waitlist position) at an event. */
@Entity({ tableName: 'registration' })
/** Also covers the attendees of an event (index-only scans for distinct participants in statistics). */
@Index({ properties: ['event', 'status', 'residentId'] })
export class Registration {
  [OptionalProps]?: 'attendedAt' | 'cancelledAt' | 'cancelReason';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => CommunityEvent, { ref: true })
  event!: Ref<CommunityEvent>;

  @Index()
  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 20 })
  status!: RegistrationStatus;

  /** Also the waitlist order. */
  @Property({ type: 'datetime' })
  registeredAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  attendedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  cancelReason: string | null = null;
}
