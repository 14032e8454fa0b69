import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EvaluationGrade } from '@shequ/contracts';
import { NotFoundError } from '@shequ/errors';
import type { SubgraphContext } from '@shequ/subgraph';
import { drawRaters, staffAppraisal } from '../application/appraisal-queries.js';
import { caseScope, caseVisible } from '../application/case-scope.js';
import { evaluateCase, invalidateEvaluation } from '../application/evaluations.js';
import { timelineActor } from '../application/workflow-actor.js';
import type { AppraisalPeriodKind, RaterKind } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { AppraisalPeriodInput } from './case.inputs.js';
import { DepartmentEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';
import { ratingsOf, StaffAppraisalType } from './appraisal.type.js';
import {
  EvaluateCaseInput,
  EvaluateCasePayload,
  InvalidateCaseEvaluationInput,
  InvalidateCaseEvaluationPayload,
} from './appraisal.inputs.js';

@Resolver()
export class AppraisalResolver {
  @Mutation(() => EvaluateCasePayload, {
    description: '居民评议（需 cases:appraisal）：优、差未写理由的评议保存但无效；发布 case.evaluated',
  })
  async evaluateCase(
    @Arg('input', () => EvaluateCaseInput, { description: '评议信息' }) input: EvaluateCaseInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:appraisal');
    const found = await ctx.em.findOne(Case, { id: input.caseId });
    if (!found || !(await caseVisible(ctx, found)))
      throw new NotFoundError('Case', input.caseId, `事项 ${input.caseId} 不存在`);
    const evaluation = await ctx.transaction((uow) =>
      evaluateCase(
        uow,
        {
          caseId: input.caseId,
          grade: input.grade as EvaluationGrade,
          reason: input.reason,
          raterKind: input.raterKind as RaterKind,
          raterResidentId: input.raterResidentId,
        },
        ctx.clock.now(),
      ),
    );
    return { evaluation };
  }

  @Mutation(() => InvalidateCaseEvaluationPayload, {
    description:
      '作废经查不实的居民评议（需 cases:appraisal，社区管理员）：评议保留但无效，不再计入考核；理由记入事项办理记录',
  })
  async invalidateCaseEvaluation(
    @Arg('input', () => InvalidateCaseEvaluationInput, { description: '作废信息' })
    input: InvalidateCaseEvaluationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:appraisal');
    const evaluation = await ctx.transaction((uow) =>
      invalidateEvaluation(uow, input, timelineActor(ctx.principal), ctx.clock.now(), (record) =>
        caseVisible(ctx, record),
      ),
    );
    return { evaluation };
  }

  @Query(() => [ResidentReference], {
    // an item residents cannot resolve is null with its error; the others still answer
    nullable: 'items',
    description:
      '随机抽取评议人（需 cases:appraisal）：该工作者在考核期内服务过的不同居民，同一种子结果相同；无法解析的居民为 null 并附错误',
  })
  async drawRaters(
    @Arg('staffId', () => ID, { description: '社区工作者编号' }) staffId: string,
    @Arg('period', () => AppraisalPeriodInput, { description: '考核周期' }) period: AppraisalPeriodInput,
    @Arg('count', () => Int, { description: '抽取人数（1-100）' }) count: number,
    @Arg('seed', { description: '抽样种子（公开记录以便复核）' }) seed: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Array<ResidentReference | null>> {
    ctx.access.require('cases:appraisal');
    const ids = await drawRaters(ctx.em, await caseScope(ctx), ctx.communityId, {
      staffId,
      kind: period.kind as AppraisalPeriodKind,
      year: period.year,
      quarter: period.quarter,
      count,
      seed,
    });
    return ids.map((id) => ({ id }));
  }

  @Query(() => StaffAppraisalType, {
    description: '社区工作者或部门考核（需 cases:appraisal；季度或年度；日常工作与临时任务分列）',
  })
  async staffAppraisal(
    @Arg('staffId', () => ID, { nullable: true, description: '社区工作者编号（与部门二选一）' }) staffId: string | null,
    @Arg('department', () => DepartmentEnum, { nullable: true, description: '承办部门（与社区工作者二选一）' })
    department: string | null,
    @Arg('period', () => AppraisalPeriodInput, { description: '考核周期' }) period: AppraisalPeriodInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<StaffAppraisalType> {
    ctx.access.require('cases:appraisal');
    const figures = await staffAppraisal(
      ctx.em,
      await caseScope(ctx),
      { staffId, department },
      {
        kind: period.kind as AppraisalPeriodKind,
        year: period.year,
        quarter: period.quarter,
      },
    );
    return {
      staffId: staffId ?? null,
      department: department ?? null,
      from: figures.from,
      to: figures.to,
      total: figures.total,
      dailyWork: figures.daily,
      adHocTasks: figures.adHoc,
      validRatings: ratingsOf(figures.validRatings),
      invalidRatings: figures.invalidRatings,
      ratingScore: figures.ratingScore,
      score: figures.score,
    };
  }
}
