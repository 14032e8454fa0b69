import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { CommunityEventStatus, CommunityEventType, Department } from '@shequ/contracts';
import type { EventAudience, OrganiserKind } from '../domain/vocabularies.js';
import { Venue } from './venue.js';

/** 活动: a gala, lecture, 老少学堂 session, summer camp, volunteer day … */
@Entity({ tableName: 'community_event' })
@Index({ properties: ['communityId', 'startsAt'] })
@Index({ properties: ['venue', 'startsAt'] })
export class CommunityEvent {
  [OptionalProps]?:
    | 'venue'
    | 'capacity'
    | 'status'
    | 'audience'
    | 'organiserKind'
    | 'organiserDepartment'
    | 'organiserTeamId'
    | 'organiserOrganizationId'
    | 'rehearsalForId'
    | 'description'
    | 'cancelReason'
    | 'plannedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 30 })
  type!: CommunityEventType;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @ManyToOne(() => Venue, { ref: true, nullable: true })
  venue: Ref<Venue> | null = null;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  /**
   * When the event was planned: its start (also after a rescheduling, which happens later still) is not before it
   * (`checkStartNotBeforePlanning`). Seeds and the generator record history with the planning before each start. Null
   * for events planned before it was recorded.
   */
  @Property({ type: 'datetime', nullable: true })
  plannedAt: Date | null = null;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  /** Seats; null means no limit. */
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'string', length: 20 })
  status: CommunityEventStatus = 'PLANNED';

  @Property({ type: 'string', length: 30 })
  audience: EventAudience = 'ALL';

  @Property({ type: 'string', length: 20 })
  organiserKind: OrganiserKind = 'DEPARTMENT';

  @Property({ type: 'string', length: 30, nullable: true })
  organiserDepartment: Department | null = 'CULTURE';

  /** The organising Team (plain id column). */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  organiserTeamId: string | null = null;

  /** A partner unit / social organisation (Organization of the residents service). */
  @Property({ type: 'string', length: 36, nullable: true })
  organiserOrganizationId: string | null = null;

  /** A rehearsal (排练) belongs to the gala it prepares. */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  rehearsalForId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  cancelReason: string | null = null;
}
