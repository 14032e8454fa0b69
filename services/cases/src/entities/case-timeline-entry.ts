import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { CaseStatus } from '@shequ/contracts';
import type { CaseAction } from '../domain/vocabularies.js';

/** One step of a case (who, when, from → to, note). */
@Entity({ tableName: 'case_timeline_entry' })
@Index({ properties: ['caseId', 'at'] })
export class CaseTimelineEntry {
  [OptionalProps]?: 'fromStatus' | 'note';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 36 })
  caseId!: string;

  @Property({ type: 'string', length: 30 })
  action!: CaseAction;

  @Property({ type: 'string', length: 20, nullable: true })
  fromStatus: CaseStatus | null = null;

  @Property({ type: 'string', length: 20 })
  toStatus!: CaseStatus;

  /** user / machine / system */
  @Property({ type: 'string', length: 10 })
  actorKind!: string;

  @Property({ type: 'string', length: 80 })
  actorId!: string;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime' })
  at!: Date;
}
