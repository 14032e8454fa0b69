import type { ChangeSet } from '@mikro-orm/core';
import type { RollupDefinition } from '@shequ/database';

/**
 * 党员统计汇总 (`PartyMemberRollup`): each active member counted under community, branch, stage, member type,
 * gender and birth date. Moved by any change of a member (a member leaving the active roll leaves its group).
 */
export const partyMemberRollup: RollupDefinition = {
  table: 'party_member_rollup',
  memberTable: 'party_member_rollup_member',
  keyColumns: ['community_id', 'branch_id', 'stage', 'member_type', 'gender', 'birth_date'],
  memberIdColumn: 'm."id"',
  // without the birth date: what statistics without age bands read (see PartyMemberStageRollup); without the branch
  // too: what statistics without organisations read (PartyMemberCommunityRollup)
  coarser: [
    { table: 'party_member_stage_rollup', keyColumns: ['community_id', 'branch_id', 'stage', 'member_type', 'gender'] },
    { table: 'party_member_community_rollup', keyColumns: ['community_id', 'stage', 'member_type', 'gender'] },
  ],
  currentKeys: (condition) =>
    `select m."id" as "member_id", m."community_id" as "community_id", coalesce(m."branch_id", '') as "branch_id",
       m."stage" as "stage", m."member_type" as "member_type", coalesce(m."gender", '') as "gender",
       coalesce(m."birth_date", '') as "birth_date"
     from "party_member" m where m."status" = 'ACTIVE' and ${condition}`,
  watches: [{ entity: 'PartyMember', members: (cs: ChangeSet<object>) => [cs.getPrimaryKey() as string] }],
};
