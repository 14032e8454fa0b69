import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 党员统计汇总: how many active party members share one combination of the keys analysts count by. Maintained
 * with every write (`application/statistics-rollup.ts`), so statistics read these groups instead of the member
 * rows. The birth date (not an age band) is the key: bands are computed when asked. The branch's name comes from
 * the branch when asked (renames show at once). No NULLs in keys: '' instead.
 */
@Entity({ tableName: 'party_member_rollup' })
export class PartyMemberRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 36, fieldName: 'branch_id' })
  branchId!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'stage' })
  stage!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'member_type' })
  memberType!: string;

  @PrimaryKey({ type: 'string', length: 10, fieldName: 'gender' })
  gender!: string;

  @PrimaryKey({ type: 'string', length: 10, fieldName: 'birth_date' })
  birthDate!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/** Which group each active member is counted in (the rollup's diff: a change moves a member between groups). */
@Entity({ tableName: 'party_member_rollup_member' })
export class PartyMemberRollupMember {
  @PrimaryKey({ type: 'string', length: 36, fieldName: 'member_id' })
  memberId!: string;

  @Property({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @Property({ type: 'string', length: 36, fieldName: 'branch_id' })
  branchId!: string;

  @Property({ type: 'string', length: 30, fieldName: 'stage' })
  stage!: string;

  @Property({ type: 'string', length: 30, fieldName: 'member_type' })
  memberType!: string;

  @Property({ type: 'string', length: 10, fieldName: 'gender' })
  gender!: string;

  @Property({ type: 'string', length: 10, fieldName: 'birth_date' })
  birthDate!: string;
}

/**
 * 党员统计汇总（不含出生日期）: the groups of `PartyMemberRollup` summed without the birth date, which makes nearly
 * every member its own group. Statistics without age bands read this table. Kept by the same diffs as the rollup
 * (`coarser` of `partyMemberRollup`), filled from it at start when new.
 */
@Entity({ tableName: 'party_member_stage_rollup' })
export class PartyMemberStageRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 36, fieldName: 'branch_id' })
  branchId!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'stage' })
  stage!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'member_type' })
  memberType!: string;

  @PrimaryKey({ type: 'string', length: 10, fieldName: 'gender' })
  gender!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}

/**
 * 党员统计汇总（不含出生日期与支部）: the groups of `PartyMemberRollup` summed without the birth date and the branch
 * (a few groups per community). Statistics without age bands and organisations read this table. Kept by the same
 * diffs as the rollup (`coarser` of `partyMemberRollup`), filled from it at start when new.
 */
@Entity({ tableName: 'party_member_community_rollup' })
export class PartyMemberCommunityRollup {
  @PrimaryKey({ type: 'string', length: 12, fieldName: 'community_id' })
  communityId!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'stage' })
  stage!: string;

  @PrimaryKey({ type: 'string', length: 30, fieldName: 'member_type' })
  memberType!: string;

  @PrimaryKey({ type: 'string', length: 10, fieldName: 'gender' })
  gender!: string;

  @Property({ type: 'integer', fieldName: 'n' })
  n!: number;
}
