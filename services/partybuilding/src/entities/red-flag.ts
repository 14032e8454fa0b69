import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import type { Department } from '@shequ/contracts';

/** 流动红旗岗 评选期 (one a month); the winner once the panel has decided. */
@Entity({ tableName: 'red_flag_period' })
@Unique({ properties: ['communityId', 'period'] })
export class RedFlagPeriod {
  [OptionalProps]?: 'winnerStaffId' | 'winnerDepartment' | 'decidedOn' | 'panel';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  /** YYYY-MM */
  @Property({ type: 'string', length: 7 })
  period!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'string', length: 36, nullable: true })
  winnerStaffId: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  winnerDepartment: Department | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  decidedOn: string | null = null;

  /** 评议小组 (who decided) */
  @Property({ type: 'string', length: 200, nullable: true })
  panel: string | null = null;
}

@Entity({ tableName: 'red_flag_nomination' })
@Unique({ properties: ['period', 'department'] })
export class RedFlagNomination {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @ManyToOne(() => RedFlagPeriod, { ref: true })
  period!: Ref<RedFlagPeriod>;

  @Property({ type: 'string', length: 30 })
  department!: Department;

  @Property({ type: 'string', length: 36 })
  staffId!: string;

  @Property({ type: 'string', length: 300, nullable: true })
  reason: string | null = null;
}
