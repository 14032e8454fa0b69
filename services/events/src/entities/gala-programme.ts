import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CommunityEvent } from './community-event.js';
import { Team } from './team.js';

/** 节目: one item of a gala's programme. */
@Entity({ tableName: 'programme_item' })
export class ProgrammeItem {
  [OptionalProps]?: 'team' | 'performers';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => CommunityEvent, { ref: true })
  event!: Ref<CommunityEvent>;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** 节目形式, e.g. 秧歌, 合唱, 小品. */
  @Property({ type: 'string', length: 50 })
  form!: string;

  @ManyToOne(() => Team, { ref: true, nullable: true })
  team: Ref<Team> | null = null;

  /** Performers as a group description (no personal names needed), e.g. 老年合唱队 20 人. */
  @Property({ type: 'string', length: 200, nullable: true })
  performers: string | null = null;

  @Property({ type: 'integer' })
  durationMinutes!: number;
}

/** 赞助: a partner unit supporting an event. */
@Entity({ tableName: 'event_sponsor' })
export class EventSponsor {
  [OptionalProps]?: 'amountFen';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => CommunityEvent, { ref: true })
  event!: Ref<CommunityEvent>;

  /** Organization of the residents service. */
  @Property({ type: 'string', length: 36, index: true })
  organizationId!: string;

  /** 赞助内容, e.g. 奖品、场地、资金. */
  @Property({ type: 'string', length: 200 })
  contribution!: string;

  /** Money in fen, when the contribution is money. */
  @Property({ type: 'integer', nullable: true })
  amountFen: number | null = null;
}
