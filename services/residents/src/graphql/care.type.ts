import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '@shequ/subgraph';
import { ResidentType } from './resident.type.js';
import { CareCategoryEnum, CareReviewOutcomeEnum } from './enums.js';

@ObjectType('ResidentCareReview', { description: '关爱对象的一次复核' })
export class CareReviewType {
  @Field(() => ID, { description: '复核编号' })
  id!: string;

  @Field(() => CareReviewOutcomeEnum, { description: '复核结论' })
  outcome!: string;

  @Field(() => DateScalar, { description: '复核日期' })
  reviewedOn!: string;

  @Field(() => ID, { description: '复核人（社区工作者编号）' })
  reviewerStaffId!: string;

  @Field(() => String, { nullable: true, description: '复核意见' })
  note!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '确定的下次复核日期' })
  nextReviewOn!: string | null;
}

@ObjectType('ResidentCareRecord', { description: '关爱对象记录：一位居民的一个类别，含起止、来源与下次复核日期' })
export class CareRecordType {
  @Field(() => ID, { description: '记录编号（高龄为派生，编号为 derived:居民编号）' })
  id!: string;

  @Field(() => ResidentType, { nullable: true, description: '居民' })
  resident!: ResidentType | null;

  @Field(() => CareCategoryEnum, { description: '类别' })
  category!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      '起始日期（高龄为满 80 周岁之日，由出生日期推出：只对可查看出生日期原值的角色返回并记入审计，其他角色为空；其他类别总有）',
  })
  startedOn!: string | null;

  @Field({ description: '认定来源（高龄为“按出生日期自动认定”）' })
  source!: string;

  @Field(() => String, { nullable: true, description: '等级（如残疾等级）' })
  grade!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '终止日期' })
  endedOn!: string | null;

  @Field(() => String, { nullable: true, description: '终止原因' })
  endReason!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '下次复核日期（无定期复核的类别为空）' })
  nextReviewOn!: string | null;

  @Field({ description: '是否由出生日期派生（高龄）' })
  derived!: boolean;

  @Field(() => [CareReviewType], { description: '复核记录（按日期）' })
  reviews!: CareReviewType[];
}
