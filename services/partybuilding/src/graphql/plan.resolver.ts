import { communityDay } from '@shequ/contracts';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { InvalidInputError } from '@shequ/errors';
import { communityWhere, type SubgraphContext } from '@shequ/subgraph';
import { developmentPlan, setYearPlan, trainingProgress } from '../application/development-plan.js';
import { recordTrainingSession } from '../application/service-record.js';
import { complianceByBranch, controlledPartyStatistics, partyStatistics } from '../application/statistics.js';
import { partyStatisticsAnswer } from '../domain/party-statistics.js';
import type { PartyStatisticsDimension } from '../domain/vocabularies.js';
import { PartyStatisticsDimensionEnum } from './enums.js';
import {
  PartyBranchComplianceRateType,
  PartyDevelopmentPlanType,
  PartyStatisticsGroupType,
  PartyTrainingProgressType,
} from './plan.type.js';
import { PartyTrainingSessionPayload, RecordPartyTrainingSessionInput, SetPartyYearPlanInput } from './plan.inputs.js';

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 1921 || year > 2100) throw new InvalidInputError('year', `年度无效：${year}`);
  return year;
}

@Resolver()
export class PartyPlanResolver {
  @Query(() => PartyDevelopmentPlanType, { description: '年度发展党员计划完成情况（需 party:read）' })
  developmentPlan(@Arg('year', () => Int, { description: '年度' }) year: number, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('party:read');
    return developmentPlan(ctx.em, communityWhere(ctx.access).communityId, ctx.communityId, checkYear(year));
  }

  @Mutation(() => PartyDevelopmentPlanType, {
    description: '设定年度发展目标与培训人次目标（需 party:write），返回该年计划完成情况',
  })
  async setPartyYearPlan(
    @Arg('input', () => SetPartyYearPlanInput, { description: '年度计划' }) input: SetPartyYearPlanInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    await ctx.transaction((uow) => setYearPlan(uow.em, input, ctx.communityId));
    return developmentPlan(ctx.em, communityWhere(ctx.access).communityId, ctx.communityId, input.year);
  }

  @Query(() => PartyTrainingProgressType, { description: '年度党员培训（党校现场教学等）人次与目标（需 party:read）' })
  partyTrainingProgress(@Arg('year', () => Int, { description: '年度' }) year: number, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('party:read');
    return trainingProgress(ctx.em, ctx.communityId, checkYear(year));
  }

  @Mutation(() => PartyTrainingSessionPayload, { description: '登记一次党员培训及参训人数（需 party:write）' })
  async recordPartyTrainingSession(
    @Arg('input', () => RecordPartyTrainingSessionInput, { description: '培训信息' })
    input: RecordPartyTrainingSessionInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const session = await ctx.transaction((uow) =>
      recordTrainingSession(uow, input, ctx.communityId, communityDay(ctx.clock.now())),
    );
    return { session };
  }

  @Query(() => [PartyStatisticsGroupType], {
    description:
      '党员统计（需 party:statistics）：在册人数按所选维度分组，只有计数；无权查看党员名单的角色按统计披露控制抑制小格，无权查看出生日期原值的角色按年龄段分组时同样受控',
  })
  async partyStatistics(
    @Arg('groupBy', () => [PartyStatisticsDimensionEnum], { description: '分组维度（可多选）' }) groupBy: string[],
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:statistics');
    // who may not read the member list (analysts) gets every count controlled; so does a caller reading members but
    // not birth dates (党建: ages person by person, each audited) for a table by age band — a branch's one retired
    // member over 70 would be that member's age band in no trail
    const protect =
      !ctx.access.can('party:read') || (groupBy.includes('AGE_BAND') && ctx.access.fieldAccess('birthDate') !== 'RAW');
    const where = communityWhere(ctx.access);
    const today = communityDay(ctx.clock.now());
    // each answer group built once, with its typed columns (`partyStatisticsAnswer`)
    if (protect)
      return controlledPartyStatistics(
        ctx.em,
        where,
        groupBy as PartyStatisticsDimension[],
        today,
        partyStatisticsAnswer,
      );
    const groups = await partyStatistics(ctx.em, where, groupBy as PartyStatisticsDimension[], today);
    return groups.map((group) => partyStatisticsAnswer(group.keys, group.count, null));
  }

  @Query(() => [PartyBranchComplianceRateType], { description: '各党支部三会一课达标率（需 party:statistics）' })
  partyMeetingComplianceByBranch(
    @Arg('year', () => Int, { description: '年度' }) year: number,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:statistics');
    return complianceByBranch(ctx.em, communityWhere(ctx.access), checkYear(year), communityDay(ctx.clock.now()));
  }
}
