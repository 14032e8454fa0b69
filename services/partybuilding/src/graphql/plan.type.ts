import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, STATISTICS_COLUMN_DEPRECATION, statisticsKeyType } from '@shequ/subgraph';
import { GenderEnum, PartyMemberStageEnum, PartyMemberTypeEnum, PartyStatisticsDimensionEnum } from './enums.js';
import { PartyMeetingComplianceSummaryType } from './meeting.type.js';

@ObjectType('PartyDevelopmentPipeline', { description: '当前发展梯队（在册）' })
export class PartyDevelopmentPipelineType {
  @Field(() => Int, { description: '入党申请人' })
  applicants!: number;

  @Field(() => Int, { description: '入党积极分子' })
  activists!: number;

  @Field(() => Int, { description: '发展对象' })
  developmentTargets!: number;

  @Field(() => Int, { description: '预备党员' })
  probationary!: number;
}

@ObjectType('PartyDevelopmentPlan', { description: '年度发展党员计划完成情况' })
export class PartyDevelopmentPlanType {
  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => Int, { description: '发展目标（接收预备党员人数，默认每年 5 名）' })
  target!: number;

  @Field(() => Int, { description: '已接收预备党员' })
  admitted!: number;

  @Field(() => Int, { description: '尚差人数' })
  remaining!: number;

  @Field(() => Int, { description: '本年递交入党申请' })
  applications!: number;

  @Field(() => Int, { description: '本年确定入党积极分子' })
  activistsDesignated!: number;

  @Field(() => Int, { description: '本年列为发展对象' })
  developmentTargetsDesignated!: number;

  @Field(() => Int, { description: '本年转为正式党员' })
  convertedToFull!: number;

  @Field(() => PartyDevelopmentPipelineType, { description: '当前发展梯队' })
  pipeline!: PartyDevelopmentPipelineType;
}

@ObjectType('PartyTrainingSession', { description: '党员培训（如 党校现场教学）' })
export class PartyTrainingSessionType {
  @Field(() => ID, { description: '编号' })
  id!: string;

  @Field(() => DateScalar, { description: '日期' })
  heldOn!: string;

  @Field({ description: '名称' })
  title!: string;

  @Field(() => String, { nullable: true, description: '地点' })
  location!: string | null;

  @Field(() => Int, { description: '参训人数' })
  headCount!: number;
}

@ObjectType('PartyTrainingProgressRow', { description: '一次培训及累计人次' })
export class PartyTrainingProgressRowType {
  @Field(() => PartyTrainingSessionType, { description: '培训' })
  session!: PartyTrainingSessionType;

  @Field(() => Int, { description: '截至本次的累计人次' })
  runningTotal!: number;
}

@ObjectType('PartyTrainingProgress', { description: '年度培训人次与目标' })
export class PartyTrainingProgressType {
  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => Int, { description: '人次目标' })
  target!: number;

  @Field(() => Int, { description: '累计人次' })
  total!: number;

  @Field(() => [PartyTrainingProgressRowType], { description: '各次培训（按日期）' })
  sessions!: PartyTrainingProgressRowType[];
}

export const PartyStatisticsKeyType = statisticsKeyType('PartyStatisticsKey', PartyStatisticsDimensionEnum, {
  value: '取值（党支部为编号，其余为枚举代码；未知为 UNKNOWN）',
});

@ObjectType('PartyStatisticsGroup', { description: '党建统计的一组（只有计数，不含个人信息）' })
export class PartyStatisticsGroupType {
  @Field(() => [PartyStatisticsKeyType], {
    description: '各维度的取值与中文名称（顺序同 groupBy；党支部为编号与名称，年龄段为代码与中文名称）',
  })
  keys!: InstanceType<typeof PartyStatisticsKeyType>[];

  @Field(() => String, {
    nullable: true,
    description: '党支部名称（按 ORGANIZATION 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  organization!: string | null;

  @Field(() => PartyMemberStageEnum, {
    nullable: true,
    description: '发展阶段（按 STAGE 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  stage!: string | null;

  @Field(() => PartyMemberTypeEnum, {
    nullable: true,
    description: '党员类型（按 MEMBER_TYPE 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  memberType!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '年龄段：UNDER_36、AGE_36_45、AGE_46_60、AGE_61_70、OVER_70（按 AGE_BAND 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  ageBand!: string | null;

  @Field(() => GenderEnum, {
    nullable: true,
    description: '性别（按 GENDER 分组时）',
    deprecationReason: STATISTICS_COLUMN_DEPRECATION,
  })
  gender!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: '人数（无权查看党员名单的角色：少于阈值或可由合计反推时为空，见 suppressed）',
  })
  count!: number | null;

  @Field(() => String, { nullable: true, description: '人数为空的原因（统计披露控制）；未抑制时为空' })
  suppressed!: string | null;
}

@ObjectType('PartyBranchComplianceRate', { description: '党支部三会一课达标率（不含个人信息）' })
export class PartyBranchComplianceRateType {
  @Field({ description: '党支部名称' })
  organizationName!: string;

  @Field(() => Int, { description: '年度' })
  year!: number;

  @Field(() => Float, { nullable: true, description: '总体达标率（0–1）' })
  overallRate!: number | null;

  @Field(() => [PartyMeetingComplianceSummaryType], { description: '各类会议达标情况' })
  summary!: PartyMeetingComplianceSummaryType[];
}
