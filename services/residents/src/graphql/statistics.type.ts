import { Field, Int, ObjectType } from 'type-graphql';
import { statisticsKeyType } from '@shequ/subgraph';
import { ResidentStatisticsDimension } from './enums.js';

export const ResidentStatisticsKey = statisticsKeyType('ResidentStatisticsKey', ResidentStatisticsDimension, {
  value: '取值（网格/楼栋为编号，其余为枚举代码；未知为 UNKNOWN，无关爱类别为 NONE）',
});
export type ResidentStatisticsKey = InstanceType<typeof ResidentStatisticsKey>;

@ObjectType('ResidentStatisticsGroup', { description: '一个分组及其人数' })
export class ResidentStatisticsGroup {
  @Field(() => [ResidentStatisticsKey], { description: '各维度取值（顺序同 groupBy）' })
  keys!: ResidentStatisticsKey[];

  @Field(() => Int, {
    nullable: true,
    description: '人数（无权逐人查看的关爱类别：少于阈值或可由合计反推时为空，见 suppressed）',
  })
  count!: number | null;

  @Field(() => String, { nullable: true, description: '人数为空的原因（统计披露控制）；未抑制时为空' })
  suppressed!: string | null;
}

@ObjectType('ResidentStatistics', { description: '人口统计：只有计数，不含姓名或个人编号' })
export class ResidentStatisticsType {
  @Field(() => Int, {
    nullable: true,
    description: '范围内总人数（关爱类别分组时一人可计入多组；按无权查看的关爱类别筛选且少于阈值时为空）',
  })
  total!: number | null;

  @Field(() => String, { nullable: true, description: '总人数为空的原因（统计披露控制）；未抑制时为空' })
  totalSuppressed!: string | null;

  @Field(() => [ResidentStatisticsGroup], { description: '分组计数' })
  groups!: ResidentStatisticsGroup[];
}
