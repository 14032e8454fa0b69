import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { EvaluationGrade } from '@shequ/contracts';
import { NotFoundError } from '@shequ/errors';
import type { SubgraphContext } from '@shequ/subgraph';
import { drawRaters, staffAppraisal } from '../application/appraisal-queries.js';
import { caseScope, caseVisible } from '../application/case-scope.js';
import { evaluateCase } from '../application/evaluations.js';
import type { AppraisalPeriodKind, RaterKind } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { AppraisalPeriodInput } from './case.inputs.js';
import { CaseEvaluationType } from './case-parts.type.js';
import { DepartmentEnum, EvaluationGradeEnum, RaterKindEnum } from './enums.js';
import { ResidentReference } from './entity-references.js';

@InputType('EvaluateCaseInput', { description: '居民评议' })
class EvaluateCaseInput {
  @Field(() => ID, { description: '事项编号' })
  caseId!: string;

  @Field(() => EvaluationGradeEnum, { description: '评议等级（优、差须写明理由，否则无效）' })
  grade!: string;

  @Field(() => String, { nullable: true, description: '理由' })
  reason?: string | null;

  @Field(() => RaterKindEnum, { description: '评议人类型' })
  raterKind!: string;

  @Field(() => ID, { nullable: true, description: '评议居民编号（反映人本人或抽取的评议人）' })
  raterResidentId?: string | null;
}

@ObjectType('EvaluateCasePayload', { description: '居民评议的结果' })
class EvaluateCasePayload {
  @Field(() => CaseEvaluationType, { description: '评议（含是否有效及原因）' })
  evaluation!: CaseEvaluationType;
}

@ObjectType('StaffAppraisalWork', { description: '考核中的一类工作（全部、日常工作或临时任务）' })
class StaffAppraisalWorkType {
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

export function ratingsOf(counts: Record<EvaluationGrade, number>): StaffAppraisalRatingsType {
  return { excellent: counts.EXCELLENT, good: counts.GOOD, fair: counts.FAIR, poor: counts.POOR };
}

@ObjectType('StaffAppraisal', { description: '社区工作者（或部门）考核结果' })
class StaffAppraisalType {
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

  @Query(() => [ResidentReference], {
    description: '随机抽取评议人（需 cases:appraisal）：该工作者在考核期内服务过的不同居民，同一种子结果相同',
  })
  async drawRaters(
    @Arg('staffId', () => ID, { description: '社区工作者编号' }) staffId: string,
    @Arg('period', () => AppraisalPeriodInput, { description: '考核周期' }) period: AppraisalPeriodInput,
    @Arg('count', () => Int, { description: '抽取人数（1-100）' }) count: number,
    @Arg('seed', { description: '抽样种子（公开记录以便复核）' }) seed: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ResidentReference[]> {
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
