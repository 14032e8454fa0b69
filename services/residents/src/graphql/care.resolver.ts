import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { MaxLength } from 'class-validator';
import { DateScalar, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import type { CareCategory } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import { addCareCategory, endCareCategory, reviewCareCategory, type CareScope } from '../application/care.js';
import { storedCareView, type CareRecordView } from '../application/care-view.js';
import { residentScope, residentWritable } from '../application/resident-scope.js';
import { SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { CareRecord } from '../entities/care-record.js';
import { CareReview } from '../entities/care-review.js';
import { Resident } from '../entities/resident.js';
import { CareRecordType, CareReviewType } from './care.type.js';
import { CareRecordConnection } from './connections.js';
import { CareCategoryEnum, CareReviewOutcomeEnum } from './enums.js';
import { ResidentType } from './resident.type.js';

@InputType('AddCareCategoryInput', { description: '新增关爱对象' })
class AddCareCategoryInput {
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
class EndCareCategoryInput {
  @Field(() => ID, { description: '关爱记录编号' })
  careRecordId!: string;

  @Field(() => DateScalar, { description: '终止日期' })
  endedOn!: string;

  @MaxLength(200)
  @Field({ description: '终止原因' })
  reason!: string;
}

@InputType('ReviewCareCategoryInput', { description: '关爱对象复核' })
class ReviewCareCategoryInput {
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
class CareRecordPayload {
  @Field(() => CareRecordType, { description: '关爱记录' })
  careRecord!: CareRecordType;

  @Field(() => ResidentType, { description: '所属居民' })
  resident!: ResidentType;
}

function careScope(ctx: SubgraphContext): CareScope {
  return {
    communityId: ctx.communityId,
    resident: (r, em) => residentWritable(ctx.access, em, r),
    category: (category: CareCategory) => !SENSITIVE_CATEGORIES.includes(category) || ctx.access.can('sensitive:write'),
  };
}

async function payload(ctx: SubgraphContext, record: CareRecord) {
  const resident = await ctx.em.findOneOrFail(Resident, record.resident.id);
  return { careRecord: storedCareView(record), resident };
}

@Resolver(() => CareRecordType)
export class CareResolver {
  @Query(() => CareRecordConnection, { description: '下次复核日期早于指定日期（不含）的在册关爱记录（需 care:read）' })
  async careReviewsDue(
    @Arg('before', () => DateScalar, { description: '截止日期（不含）' }) before: string,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('care:read');
    if (ctx.access.fieldAccess('careCategories') !== 'RAW') throw new InvalidInputError('before', '无权查看关爱对象');
    const categories =
      ctx.access.fieldAccess('sensitiveTags') === 'RAW' ? {} : { category: { $nin: [...SENSITIVE_CATEGORIES] } };
    const where = {
      $and: [
        { endedOn: null, nextReviewOn: { $ne: null, $lt: before }, ...categories },
        { resident: { $and: residentScope(ctx) } },
      ],
    };
    const connection = await paginate(ctx.em, CareRecord, where as never, page, {
      nextReviewOn: 'asc',
      id: 'asc',
    } as never);
    // each record listed is its resident's care category read raw: audited like Resident.careCategories
    for (const { node } of connection.edges)
      ctx.pii.readList(
        node.resident.id,
        SENSITIVE_CATEGORIES.includes(node.category) ? 'sensitiveTags' : 'careCategories',
        [node.category],
      );
    return { ...connection, edges: connection.edges.map((e) => ({ ...e, node: storedCareView(e.node) })) };
  }

  @Mutation(() => CareRecordPayload, {
    description: '新增关爱对象（需 care:write；重点人员需 sensitive:write）；发布 care_category.added',
  })
  async addCareCategory(
    @Arg('input', () => AddCareCategoryInput, { description: '关爱对象信息' }) input: AddCareCategoryInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('care:write');
    return payload(ctx, await ctx.transaction((uow) => addCareCategory(uow, input, careScope(ctx))));
  }

  @Mutation(() => CareRecordPayload, { description: '终止关爱对象（需 care:write）；发布 care_category.ended' })
  async endCareCategory(
    @Arg('input', () => EndCareCategoryInput, { description: '终止信息' }) input: EndCareCategoryInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('care:write');
    return payload(ctx, await ctx.transaction((uow) => endCareCategory(uow, input, careScope(ctx))));
  }

  @Mutation(() => CareRecordPayload, {
    description: '复核关爱对象（需 care:write）：继续、调整或终止，确定下次复核日期；发布 care_category.reviewed',
  })
  async reviewCareCategory(
    @Arg('input', () => ReviewCareCategoryInput, { description: '复核信息' }) input: ReviewCareCategoryInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('care:write');
    const { record } = await ctx.transaction((uow) => reviewCareCategory(uow, input, careScope(ctx)));
    return payload(ctx, record);
  }

  @FieldResolver(() => ResidentType, { nullable: true })
  resident(@Root() record: CareRecordView, @Ctx() ctx: SubgraphContext): Promise<Resident | null> {
    return ctx.loaders.byId(Resident).load(record.residentId);
  }

  @FieldResolver(() => [CareReviewType])
  async reviews(@Root() record: CareRecordView, @Ctx() ctx: SubgraphContext): Promise<CareReview[]> {
    if (record.derived) return [];
    return ctx.loaders.manyBy(CareReview, 'record', { orderBy: { reviewedOn: 'asc', id: 'asc' } }).load(record.id);
  }
}
