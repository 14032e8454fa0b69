import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { RegistrationStatus } from '@shequ/contracts';
import { CommunityEvent } from './community-event.js';

/** 报名: a resident's place (or waitlist position) at an event. */
@Entity({ tableName: 'registration' })
@Index({ properties: ['event', 'status'] })
export class Registration {
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

  @Property({ type: 'datetime' })
  registeredAt!: Date;
}
