import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Cases as the cases service announces them (`case.opened` / `closed`): a disbursement's case must be known here. */
@Entity({ tableName: 'case_projection' })
export class CaseProjection {
  @PrimaryKey({ type: 'string', length: 36 })
  caseId!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Property({ type: 'string', length: 30 })
  category!: string;

  /**
   * 承办部门 from `case.opened` (a case keeps the department its category gave it); null only for a row projected
   * before the department was kept and not a 救助申请 (those were filled with 保障站 by the migration that added it).
   */
  @Property({ type: 'string', length: 30, nullable: true })
  department: string | null = null;

  /** OPEN, or the final status of a closed case (CLOSED, REJECTED, DUPLICATE). */
  @Property({ type: 'string', length: 12 })
  status!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
