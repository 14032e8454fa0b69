import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '@shequ/errors';
import { communityWhere, inCommunityScope, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import {
  approveFundDisbursement,
  challengeFundDisbursement,
  payFundDisbursement,
  proposeFundDisbursement,
  publishFundDisbursement,
  resolveFundDisbursementChallenge,
  withdrawFundDisbursement,
} from '../../application/fund/disbursements.js';
import { formatYuan } from '../../domain/fund/money.js';
import { FundDisbursement } from '../../entities/fund/fund-disbursement.js';
import { Resident } from '../../entities/resident.js';
import { FundDisbursementReasonEnum } from './fund.enums.js';
import { ResidentType } from '../resident.type.js';
import { fundActor, hardshipValue } from './fund-context.js';
import { CaseReference } from './fund-references.js';
import { FundDisbursementConnection } from './fund.connections.js';
import {
  ApproveFundDisbursementInput,
  ChallengeFundDisbursementInput,
  FundDisbursementFilter,
  FundDisbursementPayload,
  PayFundDisbursementInput,
  ProposeFundDisbursementInput,
  PublishFundDisbursementInput,
  ResolveFundDisbursementChallengeInput,
  WithdrawFundDisbursementInput,
} from './fund.inputs.js';
import { FundDisbursementType } from './fund.type.js';

@Resolver(() => FundDisbursementType)
export class FundDisbursementResolver {
  @Query(() => FundDisbursementConnection, { description: '救助，按提议日期（需 fund:read）' })
  fundDisbursements(
    @Arg('filter', () => FundDisbursementFilter, { nullable: true, description: '筛选条件' })
    filter: FundDisbursementFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:read');
    const where = {
      ...communityWhere(ctx.access),
      ...(filter?.status ? { status: filter.status } : {}),
      ...(filter?.year ? { proposedOn: { $gte: `${filter.year}-01-01`, $lt: `${filter.year + 1}-01-01` } } : {}),
    };
    return paginate(ctx.em, FundDisbursement, where as never, page, { proposedOn: 'asc', id: 'asc' } as never);
  }

  @Query(() => FundDisbursementType, { description: '一笔救助（需 fund:read）' })
  async fundDisbursement(
    @Arg('id', () => ID, { description: '救助编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FundDisbursement> {
    ctx.access.require('fund:read');
    const row = await ctx.em.findOne(FundDisbursement, { id });
    if (!row || !inCommunityScope(ctx.access, row.communityId)) throw new NotFoundError('救助', id);
    return row;
  }

  @Mutation(() => FundDisbursementPayload, {
    description: '提议救助（需 fund:disburse，保障站）；发布 fund_disbursement.proposed',
  })
  async proposeFundDisbursement(
    @Arg('input', () => ProposeFundDisbursementInput, { description: '救助信息' }) input: ProposeFundDisbursementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:disburse');
    return { disbursement: await ctx.transaction((uow) => proposeFundDisbursement(uow, input, fundActor(ctx))) };
  }

  @Mutation(() => FundDisbursementPayload, {
    description: '两委审批救助：决定日期与审批人（需 fund:approve）；发布 fund_disbursement.approved',
  })
  async approveFundDisbursement(
    @Arg('input', () => ApproveFundDisbursementInput, { description: '两委决定' }) input: ApproveFundDisbursementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:approve');
    return { disbursement: await ctx.transaction((uow) => approveFundDisbursement(uow, input, fundActor(ctx))) };
  }

  @Mutation(() => FundDisbursementPayload, {
    description: '公示救助，自今日起（默认 7 天；需 fund:disburse）；发布 fund_disbursement.published',
  })
  async publishFundDisbursement(
    @Arg('input', () => PublishFundDisbursementInput, { description: '公示信息' }) input: PublishFundDisbursementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:disburse');
    return { disbursement: await ctx.transaction((uow) => publishFundDisbursement(uow, input, fundActor(ctx))) };
  }

  @Mutation(() => FundDisbursementPayload, { description: '登记公示期内的异议，暂停发放（需 fund:disburse）' })
  async challengeFundDisbursement(
    @Arg('input', () => ChallengeFundDisbursementInput, { description: '异议' }) input: ChallengeFundDisbursementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:disburse');
    return { disbursement: await ctx.transaction((uow) => challengeFundDisbursement(uow, input, fundActor(ctx))) };
  }

  @Mutation(() => FundDisbursementPayload, {
    description: '两委处理公示异议：成立则撤回，不成立则重新公示（需 fund:approve）',
  })
  async resolveFundDisbursementChallenge(
    @Arg('input', () => ResolveFundDisbursementChallengeInput, { description: '处理意见' })
    input: ResolveFundDisbursementChallengeInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:approve');
    return {
      disbursement: await ctx.transaction((uow) => resolveFundDisbursementChallenge(uow, input, fundActor(ctx))),
    };
  }

  @Mutation(() => FundDisbursementPayload, {
    description: '撤回尚未发放的救助（需 fund:disburse 或 fund:approve）；发布 fund_disbursement.withdrawn',
  })
  async withdrawFundDisbursement(
    @Arg('input', () => WithdrawFundDisbursementInput, { description: '撤回信息' })
    input: WithdrawFundDisbursementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    if (!ctx.access.can('fund:approve')) ctx.access.require('fund:disburse');
    return { disbursement: await ctx.transaction((uow) => withdrawFundDisbursement(uow, input, fundActor(ctx))) };
  }

  @Mutation(() => FundDisbursementPayload, {
    description: '公示期满后发放救助，记入台账（需 fund:disburse）；余额不足时拒绝；发布 fund_disbursement.paid',
  })
  async payFundDisbursement(
    @Arg('input', () => PayFundDisbursementInput, { description: '发放信息' }) input: PayFundDisbursementInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:disburse');
    return { disbursement: await ctx.transaction((uow) => payFundDisbursement(uow, input, fundActor(ctx))) };
  }

  @FieldResolver(() => ResidentType, {
    nullable: true,
    description: '受助居民（仅可查看关爱对象的角色可见，查看留痕）',
  })
  async recipient(@Root() row: FundDisbursement, @Ctx() ctx: SubgraphContext): Promise<Resident | null> {
    if (hardshipValue(ctx, row, row.residentId) === null) return null;
    return ctx.loaders.rowsById(Resident).load(row.residentId);
  }

  @FieldResolver(() => FundDisbursementReasonEnum, { nullable: true, description: '救助事由（按关爱对象规则显示）' })
  reason(@Root() row: FundDisbursement, @Ctx() ctx: SubgraphContext): string | null {
    return hardshipValue(ctx, row, row.reason);
  }

  @FieldResolver(() => String, { nullable: true, description: '情况说明（按关爱对象规则显示）' })
  statement(@Root() row: FundDisbursement, @Ctx() ctx: SubgraphContext): string | null {
    return hardshipValue(ctx, row, row.statement);
  }

  @FieldResolver(() => String, { nullable: true, description: '公示异议内容（按关爱对象规则显示）' })
  challengeNote(@Root() row: FundDisbursement, @Ctx() ctx: SubgraphContext): string | null {
    return row.challengeNote === null ? null : hardshipValue(ctx, row, row.challengeNote);
  }

  @FieldResolver(() => String, { nullable: true, description: '异议处理结果（按关爱对象规则显示）' })
  challengeResolution(@Root() row: FundDisbursement, @Ctx() ctx: SubgraphContext): string | null {
    return row.challengeResolution === null ? null : hardshipValue(ctx, row, row.challengeResolution);
  }

  @FieldResolver(() => String, { nullable: true, description: '撤回原因（按关爱对象规则显示）' })
  withdrawReason(@Root() row: FundDisbursement, @Ctx() ctx: SubgraphContext): string | null {
    return row.withdrawReason === null ? null : hardshipValue(ctx, row, row.withdrawReason);
  }

  @FieldResolver(() => [String], { description: '两委审批人' })
  approvers(@Root() row: FundDisbursement): string[] {
    return row.approvers ? row.approvers.split('、') : [];
  }

  @FieldResolver(() => CaseReference, {
    nullable: true,
    description: '关联的救助申请事项（按关爱对象规则显示：事项的反映人即受助居民）',
  })
  case(@Root() row: FundDisbursement, @Ctx() ctx: SubgraphContext): CaseReference | null {
    // the assistance case names the person helped (its reporter): shown where the recipient is
    return row.caseId ? hardshipValue(ctx, row, { id: row.caseId }) : null;
  }

  @FieldResolver(() => String, { description: '金额（元，格式化显示）' })
  amount(@Root() row: FundDisbursement): string {
    return formatYuan(row.amountFen);
  }
}
