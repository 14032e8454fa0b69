import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@shequ/subgraph';
import { caseScope } from '../application/case-scope.js';
import { caseStatistics } from '../application/case-statistics.js';
import type { CaseStatisticsDimension } from '../domain/vocabularies.js';
import { ratingsOf, StaffAppraisalRatingsType } from './appraisal.resolver.js';
import { CaseStatisticsFilterInput } from './case.inputs.js';
import {
  CaseCategoryEnum,
  CaseChannelEnum,
  CaseStatisticsDimensionEnum,
  CaseStatusEnum,
  DepartmentEnum,
} from './enums.js';

@ObjectType('CaseStatisticsGroup', { description: '事项统计的一组（不含个人信息）' })
class CaseStatisticsGroupType {
  @Field(() => CaseCategoryEnum, { nullable: true, description: '事项类别（按类别分组时）' })
  category!: string | null;

  @Field(() => CaseChannelEnum, { nullable: true, description: '受理渠道（按渠道分组时）' })
  channel!: string | null;

  @Field(() => CaseStatusEnum, { nullable: true, description: '办理状态（按状态分组时）' })
  status!: string | null;

  @Field(() => String, { nullable: true, description: '网格编号（按网格分组时）' })
  gridId!: string | null;

  @Field(() => DepartmentEnum, { nullable: true, description: '承办部门（按部门分组时）' })
  department!: string | null;

  @Field(() => String, { nullable: true, description: '受理月份 YYYY-MM（按月份分组时）' })
  month!: string | null;

  @Field(() => Int, { description: '事项数' })
  count!: number;

  @Field(() => Int, { description: '已办结数' })
  resolved!: number;

  @Field(() => Float, { nullable: true, description: '按时办结率（0-1）' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: '平均办结时长（小时）' })
  averageResolutionHours!: number | null;

  @Field(() => StaffAppraisalRatingsType, { description: '有效评议按等级计数' })
  ratings!: StaffAppraisalRatingsType;
}

@Resolver()
export class CaseStatisticsResolver {
  @Query(() => [CaseStatisticsGroupType], {
    description:
      '事项统计（需 cases:statistics）：按维度分组的数量、按时办结率、平均办结时长、有效评议分布；不含个人信息',
  })
  async caseStatistics(
    @Arg('groupBy', () => [CaseStatisticsDimensionEnum], { description: '分组维度（0-3 个）' }) groupBy: string[],
    @Arg('filter', () => CaseStatisticsFilterInput, { nullable: true, description: '筛选条件' })
    filter: CaseStatisticsFilterInput | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CaseStatisticsGroupType[]> {
    ctx.access.require('cases:statistics');
    const groups = await caseStatistics(
      ctx.em,
      await caseScope(ctx),
      groupBy as CaseStatisticsDimension[],
      filter ?? {},
    );
    return groups.map((g) => ({
      category: g.key.CATEGORY ?? null,
      channel: g.key.CHANNEL ?? null,
      status: g.key.STATUS ?? null,
      gridId: g.key.GRID ?? null,
      department: g.key.DEPARTMENT ?? null,
      month: g.key.MONTH ?? null,
      count: g.count,
      resolved: g.resolved,
      onTimeRate: g.onTimeRate,
      averageResolutionHours: g.averageResolutionHours,
      ratings: ratingsOf(g.ratings),
    }));
  }
}
