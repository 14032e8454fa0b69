import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '@shequ/errors';
import type { SubgraphContext } from '@shequ/subgraph';
import { caseVisible } from '../application/case-scope.js';
import { concludeMediation, recordMediationSession, startMediation } from '../application/mediations.js';
import { timelineActor } from '../application/workflow-actor.js';
import { Case } from '../entities/case.js';
import { Mediation, MediationParty, MediationSession } from '../entities/mediation.js';
import { MediationPartyType, MediationSessionType, MediationType } from './case-parts.type.js';
import { CaseType } from './case.type.js';

@InputType('MediationPartyInput', { description: '调解当事人' })
class MediationPartyInput {
  @Field(() => ID, { nullable: true, description: '居民编号（本社区居民）' })
  residentId?: string | null;

  @Field(() => String, { nullable: true, description: '当事方说明（非本社区居民或单位）' })
  description?: string | null;
}

@InputType('StartMediationInput', { description: '开始调解' })
class StartMediationInput {
  @Field(() => ID, { description: '纠纷事项编号' })
  caseId!: string;

  @Field(() => ID, { description: '调解员（社区工作者编号）' })
  mediatorStaffId!: string;

  @Field(() => [MediationPartyInput], { description: '当事人（至少两方）' })
  parties!: MediationPartyInput[];
}

@InputType('RecordMediationSessionInput', { description: '记录调解会' })
class RecordMediationSessionInput {
  @Field(() => ID, { description: '调解编号' })
  mediationId!: string;

  @Field({ description: '召开时间' })
  heldAt!: Date;

  @Field({ description: '调解情况' })
  notes!: string;
}

@InputType('ConcludeMediationInput', { description: '结束调解' })
class ConcludeMediationInput {
  @Field(() => ID, { description: '调解编号' })
  mediationId!: string;

  @Field({ description: '是否达成协议' })
  agreementReached!: boolean;

  @Field(() => String, { nullable: true, description: '协议内容（达成协议时必填）' })
  agreement?: string | null;
}

@ObjectType('MediationPayload', { description: '调解操作的结果' })
class MediationPayload {
  @Field(() => MediationType, { description: '调解' })
  mediation!: MediationType;
}

async function visibleCase(ctx: SubgraphContext, caseId: string): Promise<Case> {
  const found = await ctx.em.findOne(Case, { id: caseId });
  if (!found || !(await caseVisible(ctx, found))) throw new NotFoundError('Case', caseId, `事项 ${caseId} 不存在`);
  return found;
}

async function visibleMediation(ctx: SubgraphContext, mediationId: string): Promise<void> {
  const mediation = await ctx.em.findOne(Mediation, { id: mediationId });
  if (!mediation) throw new NotFoundError('Mediation', mediationId, `调解 ${mediationId} 不存在`);
  await visibleCase(ctx, mediation.caseId);
}

@Resolver(() => MediationType)
export class MediationResolver {
  @Mutation(() => MediationPayload, { description: '开始调解（需 cases:write）：纠纷事项的当事人与调解员' })
  async startMediation(
    @Arg('input', () => StartMediationInput, { description: '调解信息' }) input: StartMediationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    await visibleCase(ctx, input.caseId);
    return {
      mediation: await ctx.transaction((uow) =>
        startMediation(uow, input, timelineActor(ctx.principal), ctx.clock.now()),
      ),
    };
  }

  @Mutation(() => MediationPayload, { description: '记录调解会（需 cases:write）' })
  async recordMediationSession(
    @Arg('input', () => RecordMediationSessionInput, { description: '调解会信息' }) input: RecordMediationSessionInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    await visibleMediation(ctx, input.mediationId);
    return { mediation: await ctx.transaction((uow) => recordMediationSession(uow, input, ctx.clock.now())) };
  }

  @Mutation(() => MediationPayload, { description: '结束调解（需 cases:write）：达成或未达成协议，记入事项办理记录' })
  async concludeMediation(
    @Arg('input', () => ConcludeMediationInput, { description: '调解结果' }) input: ConcludeMediationInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    await visibleMediation(ctx, input.mediationId);
    return {
      mediation: await ctx.transaction((uow) =>
        concludeMediation(uow, input, timelineActor(ctx.principal), ctx.clock.now()),
      ),
    };
  }

  @FieldResolver(() => [MediationPartyType])
  async parties(@Root() mediation: Mediation, @Ctx() ctx: SubgraphContext): Promise<MediationPartyType[]> {
    const rows = await ctx.loaders.manyBy(MediationParty, 'mediationId', { orderBy: { id: 'asc' } }).load(mediation.id);
    return rows.map((p) => ({
      resident: p.residentId ? { id: p.residentId } : null,
      description: p.description,
    }));
  }

  @FieldResolver(() => [MediationSessionType])
  sessions(@Root() mediation: Mediation, @Ctx() ctx: SubgraphContext): Promise<MediationSession[]> {
    return ctx.loaders
      .manyBy(MediationSession, 'mediationId', { orderBy: { heldAt: 'asc', id: 'asc' } })
      .load(mediation.id);
  }
}

@Resolver(() => CaseType)
export class CaseMediationsResolver {
  @FieldResolver(() => [MediationType], { description: '调解记录（纠纷类事项）' })
  mediations(@Root() record: Case, @Ctx() ctx: SubgraphContext): Promise<Mediation[]> {
    return ctx.loaders.manyBy(Mediation, 'caseId', { orderBy: { startedAt: 'asc', id: 'asc' } }).load(record.id);
  }
}
