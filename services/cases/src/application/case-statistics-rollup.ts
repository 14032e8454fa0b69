import type { ChangeSet } from '@mikro-orm/core';
import type { EvaluationGrade } from '@shequ/contracts';
import { communityDateSql, type RollupDefinition } from '@shequ/database';

export const RATED_GRADES: readonly EvaluationGrade[] = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'];

/** The rollup column summing a grade's valid ratings. */
export const ratingColumn = (grade: EvaluationGrade) => `rating_${grade.toLowerCase()}`;

/**
 * 事项统计汇总 (`CaseRollup`): each case counted under community, category, channel, status, grid, department
 * and the month it was opened, with its resolution (on time or not, milliseconds taken) and valid ratings as
 * measures. Moved by changes of cases (status, category, grid …) and of their evaluations; writes that bypass
 * the unit of work (grid moves by `nativeUpdate`) refresh the cases they touched themselves.
 */
export const caseRollup: RollupDefinition = {
  table: 'case_rollup',
  memberTable: 'case_rollup_member',
  keyColumns: ['community_id', 'category', 'channel', 'status', 'grid_id', 'department', 'opened_month'],
  measureColumns: ['resolved', 'on_time', 'resolution_ms', ...RATED_GRADES.map(ratingColumn)],
  // the opening time: a window's partial months are the members opened then (an index range, no case read)
  memberColumns: ['opened_at'],
  memberIdColumn: 'c."id"',
  // without the grid: what statistics that neither group nor filter by grid read (see CaseAreaRollup)
  coarser: [
    {
      table: 'case_area_rollup',
      keyColumns: ['community_id', 'category', 'channel', 'status', 'department', 'opened_month'],
    },
  ],
  currentKeys: (condition, dialect) => {
    const ms =
      dialect === 'postgresql'
        ? `cast(round(extract(epoch from (c."resolved_at" - c."opened_at")) * 1000) as bigint)`
        : `(c."resolved_at" - c."opened_at")`;
    return `select c."id" as "member_id", c."community_id" as "community_id", c."category" as "category",
       c."channel" as "channel", c."status" as "status", coalesce(c."grid_id", '') as "grid_id",
       c."department" as "department", ${communityDateSql(dialect, 'c."opened_at"', 'month')} as "opened_month",
       case when c."resolved_at" is null then 0 else 1 end as "resolved",
       case when c."resolved_at" is not null and c."resolved_at" <= c."resolve_due_at" then 1 else 0 end as "on_time",
       case when c."resolved_at" is null then 0 else ${ms} end as "resolution_ms",
       ${RATED_GRADES.map(
         (g) => `(select count(*) from "case_evaluation" e where e."case_id" = c."id" and e."valid" = true
           and e."grade" = '${g}') as "${ratingColumn(g)}"`,
       ).join(',\n       ')},
       c."opened_at" as "opened_at"
     from "case_record" c where ${condition}`;
  },
  watches: [
    { entity: 'Case', members: (cs: ChangeSet<object>) => [cs.getPrimaryKey() as string] },
    {
      entity: 'CaseEvaluation',
      // The evaluation's case (its `caseId` never changes; a deleted evaluation still carries it).
      members: (cs: ChangeSet<object>) => [(cs.entity as { caseId?: string }).caseId],
    },
  ],
};
