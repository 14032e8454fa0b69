import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 事项统计汇总: per combination of the keys analysts count by, how many cases, how many resolved (on time), the
 * hours they took (milliseconds summed) and their valid ratings. Maintained with every write
 * (`application/case-statistics-rollup.ts`), so statistics read these groups instead of the cases. The month is
 * the community month the case was opened in (never changes). Properties are named as on `Case`, so the same
 * row scope applies. No NULLs in keys: '' instead.
 */
@Entity({ tableName: 'case_rollup' })
// a grid's table (filter by grid) reads its groups by this index, not the whole district's rollup
@Index({ properties: ['gridId'] })
export class CaseRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'category' })
  category!: string;

  @PrimaryKey({ type: 'string', length: 20, fieldName: 'channel' })
  channel!: string;

  @PrimaryKey({ type: 'string', length: 20, fieldName: 'status' })
  status!: string;

  /** '' for a case without a grid. */
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'department' })
  department!: string;

  /** YYYY-MM, Asia/Shanghai. */
  @PrimaryKey({ type: 'string', length: 7, fieldName: 'opened_month' })
  openedMonth!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;

  @Property({ type: 'integer', fieldName: 'resolved' })
  resolved!: number;

  @Property({ type: 'integer', fieldName: 'on_time' })
  onTime!: number;

  @Property({ type: 'bigint', fieldName: 'resolution_ms' })
  resolutionMs!: string;

  @Property({ type: 'integer', fieldName: 'rating_excellent' })
  ratingExcellent!: number;

  @Property({ type: 'integer', fieldName: 'rating_good' })
  ratingGood!: number;

  @Property({ type: 'integer', fieldName: 'rating_fair' })
  ratingFair!: number;

  @Property({ type: 'integer', fieldName: 'rating_poor' })
  ratingPoor!: number;
}

/**
 * Which group each case is counted in, with its own figures (the rollup's diff), and when it was opened (a member
 * column: a window's partial months are the members opened then, an index range of this table, no case read).
 */
@Entity({ tableName: 'case_rollup_member' })
// a window's partial first and last months read the members of those months only, not the whole table
@Index({ properties: ['openedMonth'] })
@Index({ properties: ['openedAt'] })
export class CaseRollupMember {
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @Property({ type: 'string', length: 30, fieldName: 'category' })
  category!: string;

  @Property({ type: 'string', length: 20, fieldName: 'channel' })
  channel!: string;

  @Property({ type: 'string', length: 20, fieldName: 'status' })
  status!: string;

  @Property({ type: 'string', length: 36, fieldName: 'grid_id' })
  gridId!: string;

  @Property({ type: 'string', length: 30, fieldName: 'department' })
  department!: string;

  @Property({ type: 'string', length: 7, fieldName: 'opened_month' })
  openedMonth!: string;

  @Property({ type: 'integer', fieldName: 'resolved' })
  resolved!: number;

  @Property({ type: 'integer', fieldName: 'on_time' })
  onTime!: number;

  @Property({ type: 'bigint', fieldName: 'resolution_ms' })
  resolutionMs!: string;

  @Property({ type: 'integer', fieldName: 'rating_excellent' })
  ratingExcellent!: number;

  @Property({ type: 'integer', fieldName: 'rating_good' })
  ratingGood!: number;

  @Property({ type: 'integer', fieldName: 'rating_fair' })
  ratingFair!: number;

  @Property({ type: 'integer', fieldName: 'rating_poor' })
  ratingPoor!: number;

  /** The case's opening time (`Case.openedAt`, never changes); null only before the migration filled it. */
  @Property({ type: 'datetime', fieldName: 'opened_at', nullable: true })
  openedAt?: Date | null;
}

/**
 * 事项统计汇总（不含网格）: the groups of `CaseRollup` summed without the grid (grid × month × status × channel ×
 * department leaves about one case per group at a district's size). Statistics that neither group nor filter by
 * grid, for callers whose row scope has no grid, read this table. Kept by the same diffs as the rollup (`coarser`
 * of `caseRollup`), filled from it at start when new.
 */
@Entity({ tableName: 'case_area_rollup' })
// an analyst's table lists the values its scope has had a case of, one probe per value by these indexes (and the first
// and last month by the month's), not a scan of the scope's groups (`caseStatisticsValues`)
@Index({ properties: ['category'] })
@Index({ properties: ['channel'] })
@Index({ properties: ['status'] })
@Index({ properties: ['department'] })
@Index({ properties: ['openedMonth'] })
export class CaseAreaRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'category' })
  category!: string;

  @PrimaryKey({ type: 'string', length: 20, fieldName: 'channel' })
  channel!: string;

  @PrimaryKey({ type: 'string', length: 20, fieldName: 'status' })
  status!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'department' })
  department!: string;

  /** YYYY-MM, Asia/Shanghai. */
  @PrimaryKey({ type: 'string', length: 7, fieldName: 'opened_month' })
  openedMonth!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;

  @Property({ type: 'integer', fieldName: 'resolved' })
  resolved!: number;

  @Property({ type: 'integer', fieldName: 'on_time' })
  onTime!: number;

  @Property({ type: 'bigint', fieldName: 'resolution_ms' })
  resolutionMs!: string;

  @Property({ type: 'integer', fieldName: 'rating_excellent' })
  ratingExcellent!: number;

  @Property({ type: 'integer', fieldName: 'rating_good' })
  ratingGood!: number;

  @Property({ type: 'integer', fieldName: 'rating_fair' })
  ratingFair!: number;

  @Property({ type: 'integer', fieldName: 'rating_poor' })
  ratingPoor!: number;
}
