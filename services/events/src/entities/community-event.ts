import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { CommunityEventStatus, CommunityEventType } from '@shequ/contracts';
import { Venue } from './venue.js';

/** 活动: a gala, lecture, 老少学堂 session, summer camp, volunteer day … */
@Entity({ tableName: 'community_event' })
@Index({ properties: ['communityId', 'startsAt'] })
export class CommunityEvent {
  [OptionalProps]?: 'venue' | 'capacity' | 'status';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 30 })
  type!: CommunityEventType;

  @ManyToOne(() => Venue, { ref: true, nullable: true })
  venue: Ref<Venue> | null = null;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  /** Seats; null means no limit. */
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'string', length: 20 })
  status: CommunityEventStatus = 'PLANNED';
}
