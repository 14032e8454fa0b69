import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Community events as the events service announces them (`event.published` / `cancelled` / `completed`): a gala a
 * donation names must be known here, in the donation's community.
 */
@Entity({ tableName: 'community_event_projection' })
export class CommunityEventProjection {
  @PrimaryKey({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  /** PUBLISHED, CANCELLED or COMPLETED. */
  @Property({ type: 'string', length: 12 })
  status!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
