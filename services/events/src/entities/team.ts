import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { TeamKind, TeamRegistrationStatus, TeamSupervisionStatus } from '../domain/vocabularies.js';

/** 文艺团队 / 艺术团 (e.g. 冰心艺术团 and its 秧歌队, 腰鼓队 …): one name once in a community. */
@Entity({ tableName: 'team' })
@Unique({ properties: ['communityId', 'name'] })
export class Team {
  [OptionalProps]?: 'parent' | 'leaderResidentId' | 'registrationStatus' | 'supervisionStatus' | 'foundedOn';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 30 })
  kind!: TeamKind;

  /** The troupe a team belongs to (冰心艺术团 → 腰鼓队). */
  @ManyToOne(() => Team, { ref: true, nullable: true })
  parent: Ref<Team> | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  leaderResidentId: string | null = null;

  @Property({ type: 'string', length: 20 })
  registrationStatus: TeamRegistrationStatus = 'UNREGISTERED';

  @Property({ type: 'string', length: 20 })
  supervisionStatus: TeamSupervisionStatus = 'NORMAL';

  @Property({ type: 'date', nullable: true })
  foundedOn: string | null = null;
}

/** 团员: a resident in a team. */
@Entity({ tableName: 'team_member' })
@Index({ properties: ['team', 'residentId'] })
export class TeamMember {
  [OptionalProps]?: 'leftOn';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => Team, { ref: true })
  team!: Ref<Team>;

  @Index()
  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'date' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn: string | null = null;
}

/** 获奖: an award won by a team. */
@Entity({ tableName: 'team_award' })
export class TeamAward {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => Team, { ref: true })
  team!: Ref<Team>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** 颁奖单位, e.g. 思明区文化馆. */
  @Property({ type: 'string', length: 100 })
  awardedBy!: string;

  @Property({ type: 'date' })
  awardedOn!: string;
}
