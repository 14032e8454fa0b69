import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { EvaluationGrade } from '@shequ/contracts';
import type { RaterKind } from '../domain/vocabularies.js';

/** 居民评议 of a case: kept even when invalid (优/差 without reason), with why. */
@Entity({ tableName: 'case_evaluation' })
@Index({ properties: ['staffId', 'evaluatedAt'] })
export class CaseEvaluation {
  [OptionalProps]?: 'reason' | 'invalidReason' | 'staffId' | 'raterResidentId';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  caseId!: string;

  @Property({ type: 'string', length: 10 })
  grade!: EvaluationGrade;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'boolean' })
  valid!: boolean;

  @Property({ type: 'string', length: 200, nullable: true })
  invalidReason: string | null = null;

  @Property({ type: 'string', length: 10 })
  raterKind!: RaterKind;

  @Property({ type: 'string', length: 36, nullable: true })
  raterResidentId: string | null = null;

  /** The staff member rated (the case's assignee). */
  @Property({ type: 'string', length: 36, nullable: true })
  staffId: string | null = null;

  @Property({ type: 'datetime' })
  evaluatedAt!: Date;
}
