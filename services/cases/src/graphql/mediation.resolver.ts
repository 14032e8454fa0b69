import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { caseValue } from '../application/care-revealing.js';
import { NotFoundError } from '@shequ/errors';
import type { SubgraphContext } from '@shequ/subgraph';
import { caseVisible } from '../application/case-scope.js';
import { concludeMediation, recordMediationSession, startMediation } from '../application/mediations.js';
import { timelineActor } from '../application/workflow-actor.js';
import { Case } from '../entities/case.js';
import { Mediation, MediationParty, MediationSession } from '../entities/mediation.js';
import { MediationPartyType, MediationSessionType, MediationType } from './case-parts.type.js';
import { CaseType } from './case.type.js';
import {
  StartMediationInput,
  RecordMediationSessionInput,
  ConcludeMediationInput,
  MediationPayload,
} from './mediation.inputs.js';

async function visibleCase(ctx: SubgraphContext, caseId: string): Promise<Case> {
  const found = await ctx.em.findOne(Case, { id: caseId });
  if (!found || !(await caseVisible(ctx, found))) throw new NotFoundError('Case', caseId, `事项 ${caseId} 不存在`);
  return found;
}

/**
 * A mediation of a case the caller sees. One refusal, naming only the id given, whether the mediation does not
 * exist or its case is not the caller's (a refusal naming the case would tell that the mediation exists, and which
 * case it belongs to).
 */
async function visibleMediation(ctx: SubgraphContext, mediationId: string): Promise<void> {
  const mediation = await ctx.em.findOne(Mediation, { id: mediationId });
  const found = mediation ? await ctx.em.findOne(Case, { id: mediation.caseId }) : null;
  if (!found || !(await caseVisible(ctx, found)))
    throw new NotFoundError('Mediation', mediationId, `mediationId：调解 ${mediationId} 不存在或不在您的范围内`);
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
  @FieldResolver(() => [MediationType], {
    description:
      '调解记录（纠纷类事项；救助申请等关爱/救助事项的调解对无权查看关爱对象的调用方不列出：其当事人即与救助相联系的居民）',
  })
  async mediations(@Root() record: Case, @Ctx() ctx: SubgraphContext): Promise<Mediation[]> {
    const rows = await ctx.loaders
      .manyBy(Mediation, 'caseId', { orderBy: { startedAt: 'asc', id: 'asc' } })
      .load(record.id);
    return rows.length === 0 ? rows : (caseValue(ctx, record, rows) ?? []);
  }
}
