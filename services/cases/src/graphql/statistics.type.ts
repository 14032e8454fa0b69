import { Field, Float, Int, ObjectType } from 'type-graphql';
import { STATISTICS_COLUMN_DEPRECATION, statisticsKeyType } from '@shequ/subgraph';
import {
  CaseCategoryEnum,
  CaseChannelEnum,
  CaseStatisticsDimensionEnum,
  CaseStatusEnum,
  DepartmentEnum,
} from './enums.js';

@ObjectType('CaseStatisticsRatings', {
  description: '事项统计的有效评议按等级计数；为空表示已按统计披露控制抑制（见所在组的 suppressed）',
})
export class CaseStatisticsRatingsType {
  @Field(() => Int, { nullable: true, description: '优' })
  excellent!: number | null;

  @Field(() => Int, { nullable: true, description: '良' })
  good!: number | null;

  @Field(() => Int, { nullable: true, description: '中' })
  fair!: number | null;

  @Field(() => Int, { nullable: true, description: '差' })
  poor!: number | null;
}

export const CaseStatisticsKeyType = statisticsKeyType('CaseStatisticsKey', CaseStatisticsDimensionEnum, {
  value: '取值（网格为编号，月份为 YYYY-MM，其余为枚举代码；未知为 UNKNOWN）',
});

@ObjectType('CaseStatisticsGroup', { description: '事项统计的一组（不含个人信息）' })
export class CaseStatisticsGroupType {
  @Field(() => [CaseStatisticsKeyType], {
    description: '各维度的取值与中文名称（顺序同 groupBy；网格为编号与名称，月份如 2026-03 与 2026年3月）',
  })
  keys!: InstanceType<typeof CaseStatisticsKeyType>[];

  @Field(() => CaseCategoryEnum, {
    nullable: true,
    description: '事项类别（按类别分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  category!: string | null;

  @Field(() => CaseChannelEnum, {
    nullable: true,
    description: '受理渠道（按渠道分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  channel!: string | null;

  @Field(() => CaseStatusEnum, {
    nullable: true,
    description: '办理状态（按状态分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  status!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '网格编号（按网格分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  gridId!: string | null;

  @Field(() => DepartmentEnum, {
    nullable: true,
    description: '承办部门（按部门分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  department!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '受理月份 YYYY-MM（按月份分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  month!: string | null;

  @Field(() => Int, { nullable: true, description: '事项数；为空表示已按统计披露控制抑制（见 suppressed）' })
  count!: number | null;

  @Field(() => Int, { nullable: true, description: '已办结数；为空表示已按统计披露控制抑制（见 suppressed）' })
  resolved!: number | null;

  @Field(() => Float, { nullable: true, description: '按时办结率（0-1）；已办结数少于披露阈值或已抑制时为空' })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: '平均办结时长（小时）；已办结数少于披露阈值或已抑制时为空' })
  averageResolutionHours!: number | null;

  @Field(() => CaseStatisticsRatingsType, { description: '有效评议按等级计数' })
  ratings!: CaseStatisticsRatingsType;

  @Field(() => String, {
    nullable: true,
    description: '为何有数值为空（统计披露控制：逐项说明抑制原因）；全部显示时为空',
  })
  suppressed!: string | null;
}
