import { Field, Float, Int, ObjectType } from 'type-graphql';
import { StaffAppraisalRatingsType } from './appraisal.type.js';
import { CaseCategoryEnum, CaseChannelEnum, CaseStatusEnum, DepartmentEnum } from './enums.js';

@ObjectType('CaseStatisticsGroup', { description: '事项统计的一组（不含个人信息）' })
export class CaseStatisticsGroupType {
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
