import type { RollupDefinition } from '@shequ/database';

/**
 * 在册关爱对象计数 (`CareOpenRollup`): each open care record counted under its community and category. Moved by
 * changes of care records (added: joins; ended: leaves); a care record never changes community or category.
 */
export const careOpenRollup: RollupDefinition = {
  table: 'care_open_rollup',
  memberTable: 'care_open_rollup_member',
  keyColumns: ['community_id', 'category'],
  memberIdColumn: 'c."id"',
  currentKeys: (condition) =>
    `select c."id" as "member_id", c."community_id" as "community_id", c."category" as "category"
     from "care_record" c where c."ended_on" is null and ${condition}`,
  watches: [{ entity: 'CareRecord', members: (cs) => [cs.getPrimaryKey() as string] }],
};
