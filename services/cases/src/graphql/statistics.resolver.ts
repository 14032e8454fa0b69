import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { communityWhere, type SubgraphContext } from '@shequ/subgraph';
import { caseScope, visibleGridIds } from '../application/case-scope.js';
import { caseStatistics, caseStatisticsRows } from '../application/case-statistics.js';
import { rowValue } from '../application/case-statistics-base.js';
import { controlCaseStatistics, controlCaseStatisticsRows } from '../application/case-statistics-disclosure.js';
import { caseStatisticsKeyer, withCaseStatisticsKeys } from '../application/case-statistics-keys.js';
import { caseStatisticsValues } from '../application/case-statistics-values.js';
import type { StatisticsGroup } from '../domain/statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import { CaseStatisticsFilterInput } from './case.inputs.js';
import { CaseStatisticsDimensionEnum } from './enums.js';
import { CaseStatisticsGroupType } from './statistics.type.js';

type Value = StatisticsGroup['key'][CaseStatisticsDimension];

@Resolver()
export class CaseStatisticsResolver {
  @Query(() => [CaseStatisticsGroupType], {
    description:
      '事项统计（需 cases:statistics）：按维度分组的数量、按时办结率、平均办结时长、有效评议分布；不含个人信息；无权查看事项的角色（分析人员）按统计披露控制抑制小格（含未办结数），无评议查看权限者评议分布同样抑制',
  })
  async caseStatistics(
    @Arg('groupBy', () => [CaseStatisticsDimensionEnum], { description: '分组维度（0-3 个）' }) groupBy: string[],
    @Arg('filter', () => CaseStatisticsFilterInput, { nullable: true, description: '筛选条件' })
    filter: CaseStatisticsFilterInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CaseStatisticsGroupType[]> {
    ctx.access.require('cases:statistics');
    const scope = await caseScope(ctx);
    const dimensions = [...new Set(groupBy as CaseStatisticsDimension[])];
    // who may not read cases (analysts) sees the counts under disclosure control, over every group of the scope and
    // time window (the other filters narrow the counts, not the groups listed)
    const protect = !ctx.access.can('cases:read');
    // ratings are residents' evaluations, read one by one only with cases:appraisal (a key with cases:read has not)
    const protectRatings = protect || !ctx.access.can('cases:appraisal');
    // the values listed are those each dimension can take in the scope and window (vocabularies, the grid
    // projection, the window's months), whatever the filter: the groups are counted once. Both read beside each
    // other (each query on a connection of the pool on PostgreSQL; one after the other on SQLite's one connection)
    if (protect && dimensions.length) {
      const gridNames = new Map<string, string>();
      const [rows, listed] = await Promise.all([
        caseStatisticsRows(ctx.em, scope, groupBy as CaseStatisticsDimension[], filter ?? {}),
        visibleGridIds(ctx).then((gridIds) =>
          caseStatisticsValues(
            ctx.em,
            {
              cases: scope,
              community: communityWhere(ctx.access),
              gridIds,
              departments: ctx.access.caseDepartments(),
            },
            dimensions,
            filter ?? {},
            gridNames,
          ),
        ),
      ]);
      // a controlled table lists every value in each dimension's natural order (those counted beside the listed
      // too: a case in a grid of another community), so its groups come out of the control in the answer's order,
      // built as the schema has them (`ControlledCaseStatisticsGroup`) straight from the rows: returned as they are
      const counted = rows.filter((row) => Number(row.count) > 0);
      const values = dimensions.map((_, i) => [
        ...new Set<Value>([...(listed[i] ?? []).map((v) => v ?? null), ...counted.map((row) => rowValue(row, i))]),
      ]);
      const grid = dimensions.indexOf('GRID');
      const keyer = await caseStatisticsKeyer(
        ctx.em,
        dimensions,
        grid < 0 ? [] : values[grid].filter((id): id is string => !!id),
        gridNames,
      );
      const ordered = values.map((v, i) => keyer.ordered(i, v));
      return controlCaseStatisticsRows(
        counted,
        ordered,
        ordered.map((v, i) => v.map((value) => keyer.keyOf(i, value))),
        dimensions,
      );
    }
    const counted = await caseStatistics(ctx.em, scope, groupBy as CaseStatisticsDimension[], filter ?? {});
    // the control builds each group as the schema has it (`ControlledCaseStatisticsGroup`): returned as it is
    return await withCaseStatisticsKeys(
      ctx.em,
      dimensions,
      controlCaseStatistics(counted, [], dimensions, protect, protectRatings),
    );
  }
}
