import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { communityWhere, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { recordFundDonation, registerFundDonor } from '../../application/fund/donations.js';
import { fundIdOf, FUND_NAME } from '../../application/fund/fund-ledger.js';
import { formatYuan } from '../../domain/fund/money.js';
import { Fund } from '../../entities/fund/fund.js';
import { FundDonation } from '../../entities/fund/fund-donation.js';
import { FundDonor } from '../../entities/fund/fund-donor.js';
import { fundActor } from './fund-context.js';
import { CommunityEventReference } from './fund-references.js';
import { FundDonationConnection, FundDonorConnection } from './fund.connections.js';
import {
  RecordFundDonationInput,
  RecordFundDonationPayload,
  RegisterFundDonorInput,
  RegisterFundDonorPayload,
} from './fund.inputs.js';
import { FundDonationType, FundDonorType, FundType } from './fund.type.js';

@Resolver(() => FundType)
export class FundResolver {
  @Query(() => FundType, { description: '本社区阳光爱心基金的余额（需 fund:read）' })
  async fund(@Ctx() ctx: SubgraphContext): Promise<Pick<Fund, 'id' | 'name' | 'balanceFen' | 'entryCount'>> {
    ctx.access.require('fund:read');
    const fund = await ctx.em.findOne(Fund, { communityId: ctx.communityId });
    return fund ?? { id: fundIdOf(ctx.communityId), name: FUND_NAME, balanceFen: 0, entryCount: 0 };
  }

  @FieldResolver(() => String, { description: '当前余额（元，格式化显示）' })
  balance(@Root() fund: Fund): string {
    return formatYuan(fund.balanceFen);
  }
}

@Resolver(() => FundDonationType)
export class FundDonationResolver {
  @Query(() => FundDonorConnection, { description: '捐赠人（需 fund:read）' })
  fundDonors(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('fund:read');
    return paginate(ctx.em, FundDonor, communityWhere(ctx.access), page, { id: 'asc' });
  }

  @Query(() => FundDonationConnection, { description: '捐赠，按收到日期（需 fund:read）' })
  fundDonations(
    @Arg('year', () => Int, { nullable: true, description: '收到年度' }) year: number | null,
    @Arg('eventId', () => ID, { nullable: true, description: '募捐所在活动编号' }) eventId: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:read');
    const where = {
      ...communityWhere(ctx.access),
      ...(year ? { receivedOn: { $gte: `${year}-01-01`, $lt: `${year + 1}-01-01` } } : {}),
      ...(eventId ? { eventId } : {}),
    };
    return paginate(ctx.em, FundDonation, where, page, { receivedOn: 'asc', id: 'asc' });
  }

  @Mutation(() => RegisterFundDonorPayload, { description: '登记捐赠人（需 fund:donations）' })
  async registerFundDonor(
    @Arg('input', () => RegisterFundDonorInput, { description: '捐赠人信息' }) input: RegisterFundDonorInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:donations');
    return { donor: await ctx.transaction((uow) => registerFundDonor(uow, input, fundActor(ctx))) };
  }

  @Mutation(() => RecordFundDonationPayload, {
    description:
      '登记捐赠并开具收据（需 fund:donations；文化部门以 fund:collections 登记活动募捐）；发布 fund_donation.received',
  })
  async recordFundDonation(
    @Arg('input', () => RecordFundDonationInput, { description: '捐赠信息' }) input: RecordFundDonationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const eventOnly = !ctx.access.can('fund:donations');
    if (eventOnly) ctx.access.require('fund:collections');
    return {
      donation: await ctx.transaction((uow) => recordFundDonation(uow, input, fundActor(ctx), { eventOnly })),
    };
  }

  @FieldResolver(() => FundDonorType, {
    description: '捐赠人（名称、居民与组织需 fund:read；仅登记活动募捐的角色只见编号与类别）',
  })
  async donor(@Root() donation: FundDonation, @Ctx() ctx: SubgraphContext): Promise<FundDonor | null> {
    const donor = await ctx.loaders.byId(FundDonor).load(donation.donor.id);
    // who a donor is (name, resident, organisation) is read with fund:read: 文化 records collections at an event
    // (fund:collections) by naming a donor's id, and is not told who that donor is
    if (!donor || ctx.access.can('fund:read')) return donor;
    // a detached copy (never persisted) with who the donor is left out
    const { id, communityId, kind, namedInReport } = donor;
    return Object.assign(new FundDonor(), { id, communityId, kind, namedInReport });
  }

  @FieldResolver(() => CommunityEventReference, { nullable: true, description: '募捐所在活动（如晚会）' })
  event(@Root() donation: FundDonation): CommunityEventReference | null {
    return donation.eventId ? { id: donation.eventId } : null;
  }

  @FieldResolver(() => String, { description: '金额或估值（元，格式化显示）' })
  amount(@Root() donation: FundDonation): string {
    return formatYuan(donation.amountFen);
  }
}
