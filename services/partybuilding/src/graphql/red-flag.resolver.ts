import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { communityDay, type Department } from '@shequ/contracts';
import { PageArgs, communityWhere, paginate, type SubgraphContext } from '@shequ/subgraph';
import { redFlagAwardWhere } from '../application/party-query.js';
import { decideRedFlag, nominateForRedFlag } from '../application/red-flag.js';
import { RedFlagNomination, RedFlagPeriod } from '../entities/index.js';
import { RedFlagPeriodConnection } from './connections.js';
import { StaffReference } from './entity-references.js';
import { DecideRedFlagInput, NominateRedFlagInput, RedFlagPeriodPayload } from './red-flag.inputs.js';
import { RedFlagNominationType, RedFlagPeriodType, RedFlagYearWinnersType } from './red-flag.type.js';

@Resolver(() => RedFlagPeriodType)
export class RedFlagResolver {
  @Query(() => RedFlagPeriodConnection, { description: '流动红旗岗评选历史（需 party:read），近期在前' })
  redFlagPeriods(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('party:read');
    return paginate(ctx.em, RedFlagPeriod, communityWhere(ctx.access), page, { period: 'desc', id: 'desc' });
  }

  @Query(() => [RedFlagYearWinnersType], { description: '流动红旗岗历年获评名单（需 party:read），按年度' })
  async redFlagWinnersByYear(
    @Arg('fromYear', () => Int, { nullable: true, description: '起始年度' }) fromYear: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: '截止年度' }) toYear: number | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:read');
    const awarded = await ctx.em.find(RedFlagPeriod, redFlagAwardWhere(communityWhere(ctx.access), fromYear, toYear), {
      orderBy: { period: 'asc' },
      limit: 1200,
    });
    const years = new Map<number, RedFlagPeriod[]>();
    for (const p of awarded) years.set(p.year, [...(years.get(p.year) ?? []), p]);
    return [...years.entries()].map(([year, awards]) => ({ year, awards }));
  }

  @Mutation(() => RedFlagPeriodPayload, { description: '部门提名流动红旗岗人选（需 party:write）：每部门每月一人' })
  async nominateRedFlag(
    @Arg('input', () => NominateRedFlagInput, { description: '提名' }) input: NominateRedFlagInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const period = await ctx.transaction((uow) =>
      nominateForRedFlag(
        uow,
        { ...input, department: input.department as Department },
        ctx.communityId,
        communityDay(ctx.clock.now()),
      ),
    );
    return { period };
  }

  @Mutation(() => RedFlagPeriodPayload, {
    description: '评议小组评定本期流动红旗岗（需 party:write）；发布 red_flag.awarded',
  })
  async decideRedFlag(
    @Arg('input', () => DecideRedFlagInput, { description: '评定结果' }) input: DecideRedFlagInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('party:write');
    const period = await ctx.transaction((uow) =>
      decideRedFlag(uow, input, ctx.communityId, communityDay(ctx.clock.now())),
    );
    return { period };
  }

  @FieldResolver(() => [RedFlagNominationType])
  nominations(@Root() period: RedFlagPeriod, @Ctx() ctx: SubgraphContext): Promise<RedFlagNomination[]> {
    return ctx.loaders.manyBy(RedFlagNomination, 'period', { orderBy: { department: 'asc' } }).load(period.id);
  }

  @FieldResolver(() => StaffReference, { nullable: true })
  winner(@Root() period: RedFlagPeriod): StaffReference | null {
    return period.winnerStaffId ? { id: period.winnerStaffId } : null;
  }
}

/** A nominee is a 社区工作者 of the residents subgraph: the gateway resolves name, department and post there. */
@Resolver(() => RedFlagNominationType)
export class RedFlagNominationResolver {
  @FieldResolver(() => StaffReference, { nullable: true })
  staff(@Root() nomination: RedFlagNomination): StaffReference | null {
    return { id: nomination.staffId };
  }
}
