import { Field, Int, ObjectType } from 'type-graphql';
import { ResidentStatisticsDimension } from './enums.js';

@ObjectType('ResidentStatisticsKey', { description: '分组的一个维度取值' })
export class ResidentStatisticsKey {
  @Field(() => ResidentStatisticsDimension, { description: '维度' })
  dimension!: string;

  @Field({ description: '取值（网格/楼栋为编号，其余为枚举代码；未知为 UNKNOWN，无关爱类别为 NONE）' })
  value!: string;

  @Field({ description: '中文名称' })
  label!: string;
}

@ObjectType('ResidentStatisticsGroup', { description: '一个分组及其人数' })
export class ResidentStatisticsGroup {
  @Field(() => [ResidentStatisticsKey], { description: '各维度取值（顺序同 groupBy）' })
  keys!: ResidentStatisticsKey[];

  @Field(() => Int, { description: '人数' })
  count!: number;
}

@ObjectType('ResidentStatistics', { description: '人口统计：只有计数，不含姓名或个人编号' })
export class ResidentStatisticsType {
  @Field(() => Int, { description: '范围内总人数（关爱类别分组时一人可计入多组）' })
  total!: number;

  @Field(() => [ResidentStatisticsGroup], { description: '分组计数' })
  groups!: ResidentStatisticsGroup[];
}
