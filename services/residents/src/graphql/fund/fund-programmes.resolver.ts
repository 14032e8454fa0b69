import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { communityWhere, PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import {
  applyToFundProgramme,
  createFundProgramme,
  decideFundApplication,
  openFundProgrammeRound,
} from '../../application/fund/programmes.js';
import { FundApplication } from '../../entities/fund/fund-application.js';
import { FundProgramme } from '../../entities/fund/fund-programme.js';
import { FundProgrammeRound } from '../../entities/fund/fund-programme-round.js';
import { Resident } from '../../entities/resident.js';
import { ResidentType } from '../resident.type.js';
import { fundActor, hardshipValue } from './fund-context.js';
import { FundApplicationConnection, FundProgrammeConnection } from './fund.connections.js';
import {
  ApplyToFundProgrammeInput,
  CreateFundProgrammeInput,
  DecideFundApplicationInput,
  FundApplicationFilter,
  FundApplicationPayload,
  FundProgrammePayload,
  OpenFundProgrammeRoundInput,
  OpenFundProgrammeRoundPayload,
} from './fund.inputs.js';
import { FundApplicationType, FundProgrammeRoundType, FundProgrammeType } from './fund.type.js';

@Resolver(() => FundProgrammeType)
export class FundProgrammeResolver {
  @Query(() => FundProgrammeConnection, { description: '资助项目（需 fund:read）' })
  fundProgrammes(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    ctx.access.require('fund:read');
    return paginate(ctx.em, FundProgramme, communityWhere(ctx.access), page, { id: 'asc' });
  }

  @Mutation(() => FundProgrammePayload, { description: '设立资助项目（需 fund:programmes）' })
  async createFundProgramme(
    @Arg('input', () => CreateFundProgrammeInput, { description: '项目信息' }) input: CreateFundProgrammeInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:programmes');
    return { programme: await ctx.transaction((uow) => createFundProgramme(uow, input, fundActor(ctx))) };
  }

  @Mutation(() => OpenFundProgrammeRoundPayload, { description: '开展定向资助项目的年度批次（需 fund:programmes）' })
  async openFundProgrammeRound(
    @Arg('input', () => OpenFundProgrammeRoundInput, { description: '批次信息' }) input: OpenFundProgrammeRoundInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:programmes');
    return { round: await ctx.transaction((uow) => openFundProgrammeRound(uow, input, fundActor(ctx))) };
  }

  @FieldResolver(() => [FundProgrammeRoundType], { description: '年度批次（按年度）' })
  rounds(@Root() programme: FundProgramme, @Ctx() ctx: SubgraphContext): Promise<FundProgrammeRound[]> {
    return ctx.loaders.manyBy(FundProgrammeRound, 'programme', { orderBy: { year: 'asc' } }).load(programme.id);
  }
}

@Resolver(() => FundApplicationType)
export class FundApplicationResolver {
  @Query(() => FundApplicationConnection, { description: '资助/救助申请（需 fund:read）' })
  fundApplications(
    @Arg('filter', () => FundApplicationFilter, { nullable: true, description: '筛选条件' })
    filter: FundApplicationFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:read');
    const where = {
      ...communityWhere(ctx.access),
      ...(filter?.programmeId ? { programme: filter.programmeId } : {}),
      ...(filter?.status ? { status: filter.status } : {}),
    };
    return paginate(ctx.em, FundApplication, where as never, page, { appliedOn: 'asc', id: 'asc' } as never);
  }

  @Mutation(() => FundApplicationPayload, {
    description: '为居民提出申请：定向资助项目（核对资助条件）或外部机构救助（如红十字特别救助）（需 fund:programmes）',
  })
  async applyToFundProgramme(
    @Arg('input', () => ApplyToFundProgrammeInput, { description: '申请信息' }) input: ApplyToFundProgrammeInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:programmes');
    return {
      application: await ctx.transaction((uow) => applyToFundProgramme(uow, input, fundActor(ctx), ctx.pii)),
    };
  }

  @Mutation(() => FundApplicationPayload, {
    description: '登记申请结果（需 fund:programmes）；定向资助获批即提议一笔助学救助，照常审批、公示、发放',
  })
  async decideFundApplication(
    @Arg('input', () => DecideFundApplicationInput, { description: '结果' }) input: DecideFundApplicationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('fund:programmes');
    return { application: await ctx.transaction((uow) => decideFundApplication(uow, input, fundActor(ctx))) };
  }

  @FieldResolver(() => FundProgrammeType, { description: '项目' })
  programme(@Root() application: FundApplication, @Ctx() ctx: SubgraphContext): Promise<FundProgramme | null> {
    return ctx.loaders.byId(FundProgramme).load(application.programme.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: '年度（定向资助项目）' })
  async year(@Root() application: FundApplication, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    if (!application.round) return null;
    return (await ctx.loaders.byId(FundProgrammeRound).load(application.round.id))?.year ?? null;
  }

  @FieldResolver(() => ResidentType, { nullable: true, description: '申请人（仅可查看关爱对象的角色可见，查看留痕）' })
  async applicant(@Root() application: FundApplication, @Ctx() ctx: SubgraphContext): Promise<Resident | null> {
    if (hardshipValue(ctx, application, application.residentId) === null) return null;
    return ctx.loaders.rowsById(Resident).load(application.residentId);
  }

  @FieldResolver(() => String, { nullable: true, description: '申请情况说明（按关爱对象规则显示）' })
  statement(@Root() application: FundApplication, @Ctx() ctx: SubgraphContext): string | null {
    return hardshipValue(ctx, application, application.statement);
  }

  @FieldResolver(() => String, { nullable: true, description: '结果说明（按关爱对象规则显示）' })
  outcomeNote(@Root() application: FundApplication, @Ctx() ctx: SubgraphContext): string | null {
    // a free text about the applicant's circumstances (why it was declined), shown where the statement is
    return application.outcomeNote === null ? null : hardshipValue(ctx, application, application.outcomeNote);
  }
}
