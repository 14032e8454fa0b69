import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import {
  AppraisalPeriodEnum,
  CaseCategoryEnum,
  CaseChannelEnum,
  CasePriorityEnum,
  CaseStatusEnum,
  CaseWorkTypeEnum,
  DepartmentEnum,
  EscalationLevelEnum,
} from './enums.js';
import { CaseType } from './case.type.js';

@InputType('OpenCaseInput', { description: '登记事项' })
export class OpenCaseInput {
  @Field(() => ID, { nullable: true, description: '反映人（居民编号）；匿名反映时不填' })
  reporterId?: string | null;

  @Field(() => CaseCategoryEnum, { description: '事项类别（决定承办部门和办理时限）' })
  category!: string;

  @Field(() => CaseChannelEnum, { description: '受理渠道' })
  channel!: string;

  @MaxLength(2000)
  @Field({ description: '事项内容' })
  description!: string;

  @Field(() => CasePriorityEnum, { nullable: true, description: '优先级（默认 一般）' })
  priority?: string | null;

  @Field(() => CaseWorkTypeEnum, {
    nullable: true,
    description: '工作类型（默认：上级转办为临时任务，其余为日常工作）',
  })
  workType?: string | null;
}

@ObjectType('OpenCasePayload', { description: '登记事项的结果' })
export class OpenCasePayload {
  @Field(() => CaseType, { description: '新登记的事项' })
  case!: CaseType;
}

@ObjectType('CaseStepPayload', { description: '事项办理一步的结果' })
export class CaseStepPayload {
  @Field(() => CaseType, { description: '办理后的事项' })
  case!: CaseType;
}

@InputType('CaseFilter', { description: '事项筛选条件' })
export class CaseFilter {
  @Field(() => CaseStatusEnum, { nullable: true, description: '办理状态' })
  status?: string | null;

  @Field(() => CaseCategoryEnum, { nullable: true, description: '事项类别' })
  category?: string | null;

  @Field(() => ID, { nullable: true, description: '网格编号' })
  gridId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '只看超时事项' })
  overdue?: boolean | null;
}

@InputType('AssignCaseInput', { description: '分派事项' })
export class AssignCaseInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @Field(() => ID, { description: '承办人（社区工作者编号）' })
  assigneeStaffId!: string;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: '说明' })
  note?: string | null;
}

@InputType('CaseNoteInput', { description: '办理一步（开始办理、结案、上级签收）' })
export class CaseNoteInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: '说明' })
  note?: string | null;
}

@InputType('ResolveCaseInput', { description: '办结事项' })
export class ResolveCaseInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @MaxLength(2000)
  @Field({ description: '办结说明（办理结果，必填）' })
  resolutionNote!: string;
}

@InputType('GiveCaseFeedbackInput', { description: '向居民反馈办理结果' })
export class GiveCaseFeedbackInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @Field({ description: '反馈方式（电话、上门、短信等）' })
  method!: string;

  @Field({ description: '反馈时间' })
  givenAt!: Date;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: '说明' })
  note?: string | null;
}

@InputType('EscalateCaseInput', { description: '上报街道或区' })
export class EscalateCaseInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @Field(() => EscalationLevelEnum, { description: '上报层级' })
  level!: string;

  @MaxLength(2000)
  @Field({ description: '上报原因' })
  reason!: string;
}

@InputType('CaseReasonInput', { description: '需说明理由的一步（不予受理、重新办理、上级退回）' })
export class CaseReasonInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @MaxLength(2000)
  @Field({ description: '理由' })
  reason!: string;
}

@InputType('MarkCaseDuplicateInput', { description: '标记为重复事项' })
export class MarkCaseDuplicateInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @Field(() => ID, { description: '与之重复的事项编号' })
  duplicateOfCaseId!: string;

  @MaxLength(2000)
  @Field({ description: '理由' })
  reason!: string;
}

@InputType('CaseStatisticsFilter', { description: '事项统计筛选条件' })
export class CaseStatisticsFilterInput {
  @Field(() => Date, { nullable: true, description: '受理时间起（含）' })
  openedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: '受理时间止（不含）' })
  openedTo?: Date | null;

  @Field(() => CaseCategoryEnum, { nullable: true, description: '事项类别' })
  category?: string | null;

  @Field(() => CaseChannelEnum, { nullable: true, description: '受理渠道' })
  channel?: string | null;

  @Field(() => DepartmentEnum, { nullable: true, description: '承办部门' })
  department?: string | null;

  @Field(() => ID, { nullable: true, description: '网格编号' })
  gridId?: string | null;
}

@InputType('StaffAppraisalPeriodInput', { description: '考核周期' })
export class AppraisalPeriodInput {
  @Field(() => AppraisalPeriodEnum, { description: '周期类型' })
  kind!: string;

  @Field(() => Int, { description: '年份' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '季度（1-4，季度考核时必填）' })
  quarter?: number | null;
}
