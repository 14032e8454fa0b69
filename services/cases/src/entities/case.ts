import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { CaseCategory, CaseChannel, CasePriority, CaseStatus, Department } from '@shequ/contracts';

/** 事项: one matter raised by or for residents (社情民意 or a service request), from intake to feedback. */
@Entity({ tableName: 'case_record' })
@Index({ properties: ['communityId', 'status'] })
export class Case {
  [OptionalProps]?: 'status' | 'priority' | 'reporterId' | 'gridId' | 'assigneeStaffId' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  /** 受理号, e.g. SQ-2026-000123 */
  @Unique()
  @Property({ type: 'string', length: 20 })
  number!: string;

  @Property({ type: 'string', length: 20 })
  status: CaseStatus = 'RECEIVED';

  @Property({ type: 'string', length: 30 })
  category!: CaseCategory;

  @Property({ type: 'string', length: 20 })
  channel!: CaseChannel;

  @Property({ type: 'string', length: 10 })
  priority: CasePriority = 'NORMAL';

  @Property({ type: 'string', length: 30 })
  department!: Department;

  /** The resident who raised it; null for an anonymous contact. */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  reporterId: string | null = null;

  @Property({ type: 'text' })
  description!: string;

  /** Grid the case is routed to, from the resident projection (residents' events). */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  gridId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  assigneeStaffId: string | null = null;

  @Property({ type: 'datetime' })
  openedAt!: Date;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
