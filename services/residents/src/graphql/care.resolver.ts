import { communityDay } from '@shequ/contracts';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, PageArgs, mapConnection, paginate, type SubgraphContext } from '@shequ/subgraph';
import type { CareCategory } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import {
  addCareCategory,
  endCareCategory,
  markClosedAfterCommit,
  reviewCareCategory,
  type CareScope,
} from '../application/care.js';
import { storedCareView, type CareRecordView } from '../application/care-view.js';
import { residentScope, residentWritable } from '../application/resident-scope.js';
import { SENSITIVE_CATEGORIES } from '../domain/care-schedule.js';
import { CareRecord } from '../entities/care-record.js';
import { CareReview } from '../entities/care-review.js';
import { Resident } from '../entities/resident.js';
import { CareRecordType, CareReviewType } from './care.type.js';
import { CareRecordConnection } from './connections.js';
import { ResidentType } from './resident.type.js';
import {
  AddCareCategoryInput,
  EndCareCategoryInput,
  ReviewCareCategoryInput,
  CareRecordPayload,
} from './care.inputs.js';

function careScope(ctx: SubgraphContext): CareScope {
  return {
    communityId: ctx.communityId,
    today: communityDay(ctx.clock.now()),
    now: ctx.clock.now(),
    resident: (r, em) => residentWritable(ctx.access, em, r),
    category: (category: CareCategory) => !SENSITIVE_CATEGORIES.includes(category) || ctx.access.can('sensitive:write'),
    ruleUses: ctx.pii,
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
        { id: node.resident.id, communityId: node.communityId },
        SENSITIVE_CATEGORIES.includes(node.category) ? 'sensitiveTags' : 'careCategories',
        [node.category],
      );
    return mapConnection(connection, storedCareView);
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
    const record = await ctx.transaction((uow) => endCareCategory(uow, input, careScope(ctx)));
    await markClosedAfterCommit(ctx.em, record, ctx.clock.now());
    return payload(ctx, record);
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
    await markClosedAfterCommit(ctx.em, record, ctx.clock.now());
    return payload(ctx, record);
  }

  @FieldResolver(() => ResidentType, { nullable: true })
  resident(@Root() record: CareRecordView, @Ctx() ctx: SubgraphContext): Promise<Resident | null> {
    return ctx.loaders.rowsById(Resident).load(record.residentId);
  }

  @FieldResolver(() => [CareReviewType])
  async reviews(@Root() record: CareRecordView, @Ctx() ctx: SubgraphContext): Promise<CareReview[]> {
    if (record.derived) return [];
    return ctx.loaders.manyBy(CareReview, 'record', { orderBy: { reviewedOn: 'asc', id: 'asc' } }).load(record.id);
  }
}
