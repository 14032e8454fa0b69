import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 在册关爱对象计数: how many open care records (`ended_on` null) each community has of each category, kept with
 * every write (`application/care-open-rollup.ts`). The `totalCount` of a list filtered by a stored category over
 * the caller's communities reads these groups (tens of rows for a district) instead of counting 78,000 records.
 */
@Entity({ tableName: 'care_open_rollup' })
export class CareOpenRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'category' })
  category!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/** Which group each open care record is counted in (the rollup's diff: ending a record leaves its group). */
@Entity({ tableName: 'care_open_rollup_member' })
export class CareOpenRollupMember {
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @Property({ type: 'string', length: 30, fieldName: 'category' })
  category!: string;
}
