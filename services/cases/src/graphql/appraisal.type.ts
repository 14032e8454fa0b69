import type { EvaluationGrade } from '@shequ/contracts';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DepartmentEnum } from './enums.js';

@ObjectType('StaffAppraisalWork', { description: '考核中的一类工作（全部、日常工作或临时任务）' })
export class StaffAppraisalWorkType {
  @Field(() => Int, { description: '办结事项数' })
  casesHandled!: number;

  @Field(() => Int, { description: '按时办结数' })
  onTime!: number;

  @Field(() => Float, { nullable: true, description: '按时办结率（0-1；无办结事项时为空）' })
  onTimeRate!: number | null;
}

@ObjectType('StaffAppraisalRatings', { description: '有效评议按等级计数' })
export class StaffAppraisalRatingsType {
  @Field(() => Int, { description: '优' })
  excellent!: number;

  @Field(() => Int, { description: '良' })
  good!: number;

  @Field(() => Int, { description: '中' })
  fair!: number;

  @Field(() => Int, { description: '差' })
  poor!: number;
}

@ObjectType('StaffAppraisal', { description: '社区工作者（或部门）考核结果' })
export class StaffAppraisalType {
  @Field(() => ID, { nullable: true, description: '社区工作者编号（按人考核时）' })
  staffId!: string | null;

  @Field(() => DepartmentEnum, { nullable: true, description: '承办部门（按部门考核时）' })
  department!: string | null;

  @Field({ description: '考核期起' })
  from!: Date;

  @Field({ description: '考核期止（不含）' })
  to!: Date;

  @Field(() => StaffAppraisalWorkType, { description: '全部办结事项' })
  total!: StaffAppraisalWorkType;

  @Field(() => StaffAppraisalWorkType, { description: '日常工作' })
  dailyWork!: StaffAppraisalWorkType;

  @Field(() => StaffAppraisalWorkType, { description: '临时任务' })
  adHocTasks!: StaffAppraisalWorkType;

  @Field(() => StaffAppraisalRatingsType, { description: '有效评议按等级计数' })
  validRatings!: StaffAppraisalRatingsType;

  @Field(() => Int, { description: '无效评议数' })
  invalidRatings!: number;

  @Field(() => Float, { nullable: true, description: '评议得分（有效评议平均分：优 100、良 80、中 60、差 0）' })
  ratingScore!: number | null;

  @Field(() => Float, { nullable: true, description: '考核得分 = 0.6 × 评议得分 + 0.4 × 按时办结率 × 100' })
  score!: number | null;
}

export function ratingsOf(counts: Record<EvaluationGrade, number>): StaffAppraisalRatingsType {
  return { excellent: counts.EXCELLENT, good: counts.GOOD, fair: counts.FAIR, poor: counts.POOR };
}
