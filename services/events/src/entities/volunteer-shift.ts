import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { CommunityEvent } from './community-event.js';

/** 志愿服务班次: a slot volunteers serve in, usually during an event. */
@Entity({ tableName: 'volunteer_shift' })
export class VolunteerShift {
  [OptionalProps]?: 'event' | 'plannedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => CommunityEvent, { ref: true, nullable: true })
  event: Ref<CommunityEvent> | null = null;

  /** 岗位, e.g. 秩序维护, 量血压, 环境清扫. */
  @Property({ type: 'string', length: 100 })
  role!: string;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  /** When the shift was arranged: its start is not before it (`checkStartNotBeforePlanning`). Null for older shifts. */
  @Property({ type: 'datetime', nullable: true })
  plannedAt: Date | null = null;
}

/** 志愿服务时长: hours a resident served in a shift. */
@Entity({ tableName: 'volunteer_service' })
@Unique({ properties: ['shift', 'residentId'] })
export class VolunteerService {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @ManyToOne(() => VolunteerShift, { ref: true })
  shift!: Ref<VolunteerShift>;

  @Index()
  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'integer' })
  minutes!: number;

  @Property({ type: 'date' })
  servedOn!: string;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
