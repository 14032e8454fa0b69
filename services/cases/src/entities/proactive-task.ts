import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ProactiveTaskClosing, ProactiveTaskStatus } from '../domain/vocabularies.js';

/** 主动服务任务: opened by a rule, closed by a visit or a case (or the resident leaving). */
@Entity({ tableName: 'proactive_task' })
@Index({ properties: ['residentId', 'status'] })
export class ProactiveTask {
  [OptionalProps]?: 'status' | 'closedAt' | 'closedBy' | 'closingRef' | 'gridId';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 40 })
  rule!: string;

  @Property({ type: 'string', length: 36 })
  residentId!: string;

  @Property({ type: 'string', length: 36, nullable: true })
  gridId: string | null = null;

  /** rule:resident:key, once only */
  @Unique()
  @Property({ type: 'string', length: 200 })
  dedupKey!: string;

  @Property({ type: 'string', length: 200 })
  reason!: string;

  @Property({ type: 'string', length: 10 })
  dueOn!: string;

  @Property({ type: 'string', length: 10 })
  status: ProactiveTaskStatus = 'OPEN';

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  closedBy: ProactiveTaskClosing | null = null;

  /** The visit or case that closed it. */
  @Property({ type: 'string', length: 36, nullable: true })
  closingRef: string | null = null;
}
