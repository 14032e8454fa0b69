import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar } from '@shequ/subgraph';
import { CareRecordType } from './care.type.js';
import { CareCategoryEnum, CareReviewOutcomeEnum } from './enums.js';
import { ResidentType } from './resident.type.js';

@InputType('AddCareCategoryInput', { description: '新增关爱对象' })
export class AddCareCategoryInput {
  @Field(() => ID, { description: '居民编号' })
  residentId!: string;

  @Field(() => CareCategoryEnum, { description: '类别（高龄自动认定，不能手工添加）' })
  category!: string;

  @Field(() => DateScalar, { description: '起始日期' })
  startedOn!: string;

  @MaxLength(100)
  @Field({ description: '认定来源，如 民政局审批、入户走访' })
  source!: string;

  @MaxLength(20)
  @Field(() => String, { nullable: true, description: '等级（如残疾等级 一级）' })
  grade?: string | null;
}

@InputType('EndCareCategoryInput', { description: '终止关爱对象' })
export class EndCareCategoryInput {
  @Field(() => ID, { description: '关爱记录编号' })
  careRecordId!: string;

  @Field(() => DateScalar, { description: '终止日期' })
  endedOn!: string;

  @MaxLength(200)
  @Field({ description: '终止原因' })
  reason!: string;
}

@InputType('ReviewCareCategoryInput', { description: '关爱对象复核' })
export class ReviewCareCategoryInput {
  @Field(() => ID, { description: '关爱记录编号' })
  careRecordId!: string;

  @Field(() => CareReviewOutcomeEnum, { description: '复核结论' })
  outcome!: string;

  @Field(() => DateScalar, { description: '复核日期' })
  reviewedOn!: string;

  @Field(() => ID, { description: '复核人（社区工作者编号）' })
  reviewerStaffId!: string;

  @MaxLength(500)
  @Field(() => String, { nullable: true, description: '复核意见（调整、终止时必填）' })
  note?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '下次复核日期（不填按类别周期计算）' })
  nextReviewOn?: string | null;

  @MaxLength(20)
  @Field(() => String, { nullable: true, description: '调整后的等级（结论为调整时）' })
  grade?: string | null;
}

@ObjectType('CareRecordPayload', { description: '关爱对象变更的结果' })
export class CareRecordPayload {
  @Field(() => CareRecordType, { description: '关爱记录' })
  careRecord!: CareRecordType;

  @Field(() => ResidentType, { description: '所属居民' })
  resident!: ResidentType;
}
