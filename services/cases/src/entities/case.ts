import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { EscalationLevel } from '../domain/vocabularies.js';
import type { WorkType } from '../domain/work-type.js';
import type { CaseCategory, CaseChannel, CasePriority, CaseStatus, Department } from '@shequ/contracts';

/** 事项: one matter raised by or for residents (社情民意 or a service request), from intake to feedback. */
@Entity({ tableName: 'case_record' })
@Index({ properties: ['communityId', 'status'] })
export class Case {
  [OptionalProps]?:
    | 'status'
    | 'priority'
    | 'reporterId'
    | 'gridId'
    | 'assigneeStaffId'
    | 'updatedAt'
    | 'workType'
    | 'acknowledgedAt'
    | 'resolvedAt'
    | 'resolutionNote'
    | 'feedbackMethod'
    | 'feedbackAt'
    | 'closedAt'
    | 'closingReason'
    | 'duplicateOfId'
    | 'escalationLevel'
    | 'escalationReason'
    | 'escalatedAt'
    | 'escalationAcknowledgedAt'
    | 'acknowledgeOverdueAt'
    | 'resolveOverdueAt';

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

  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  assigneeStaffId: string | null = null;

  /** Indexed: statistics over an opening window off month boundaries read the partial months' cases by it. */
  @Index()
  @Property({ type: 'datetime' })
  openedAt!: Date;

  /** 日常工作 DAILY or 临时任务 AD_HOC (appraisal reports them apart). */
  @Property({ type: 'string', length: 10 })
  workType: WorkType = 'DAILY';

  /** 响应时限 / 办结时限 from the category's configuration. */
  @Property({ type: 'datetime' })
  acknowledgeDueAt!: Date;

  @Property({ type: 'datetime' })
  resolveDueAt!: Date;

  /** When the handler first took it up (IN_PROGRESS). */
  @Property({ type: 'datetime', nullable: true })
  acknowledgedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  resolvedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  resolutionNote: string | null = null;

  /** 反馈方式 (电话、上门、短信 …) and time. */
  @Property({ type: 'string', length: 50, nullable: true })
  feedbackMethod: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  feedbackAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  /** Reason of a rejection, duplicate or reopening (the latest). */
  @Property({ type: 'text', nullable: true })
  closingReason: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  duplicateOfId: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  escalationLevel: EscalationLevel | null = null;

  @Property({ type: 'text', nullable: true })
  escalationReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  escalatedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  escalationAcknowledgedAt: Date | null = null;

  /** When the overdue scan flagged each limit (once per case and limit). */
  @Property({ type: 'datetime', nullable: true })
  acknowledgeOverdueAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  resolveOverdueAt: Date | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
