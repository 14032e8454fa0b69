import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** 走访 / 民情日记: a staff member's visit to a household or resident, with notes and follow-ups. */
@Entity({ tableName: 'visit' })
export class Visit {
  [OptionalProps]?: 'householdId' | 'residentId' | 'gridId' | 'caseId' | 'followUps' | 'loggedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 12 })
  communityId!: string;

  @Index()
  @Property({ type: 'string', length: 80 })
  staffId!: string;

  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  householdId: string | null = null;

  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  residentId: string | null = null;

  /**
   * The grid of the visited resident/household when the visit was logged (from the resident projection); grid
   * workers see only visits of their grids. Null when the grid was not known (or for visits logged before it was
   * recorded: then the household's current grid decides).
   */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  gridId: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  caseId: string | null = null;

  @Property({ type: 'datetime' })
  visitedAt!: Date;

  /**
   * When the visit was logged (民情日记 written): `visitedAt` lies at most `VISIT_BACKDATING_DAYS` before it and not
   * after it (`assertVisitDate`). Null for visits logged before it was recorded.
   */
  @Property({ type: 'datetime', nullable: true })
  loggedAt: Date | null = null;

  @Property({ type: 'text' })
  notes!: string;

  /** 后续跟进事项 */
  @Property({ type: 'text', nullable: true })
  followUps: string | null = null;
}
