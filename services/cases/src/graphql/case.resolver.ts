import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CaseCategory, CaseChannel, CasePriority } from '@shequ/contracts';
import { InvalidInputError, NotFoundError } from '@shequ/errors';
import { PageArgs, paginate, type SubgraphContext } from '@shequ/subgraph';
import { caseListWhere } from '../application/case-query.js';
import { caseValue } from '../application/care-revealing.js';
import { caseOpener, caseVisible } from '../application/case-scope.js';
import { takeStep, type StepCommand } from '../application/case-steps.js';
import { openCase } from '../application/open-case.js';
import { timelineActor, workflowActor } from '../application/workflow-actor.js';
import { isOverdue } from '../domain/time-limits.js';
import type { EscalationLevel } from '../domain/vocabularies.js';
import type { WorkType } from '../domain/work-type.js';
import { Case } from '../entities/case.js';
import { CaseEvaluation } from '../entities/case-evaluation.js';
import { CaseTimelineEntry } from '../entities/case-timeline-entry.js';
import {
  AssignCaseInput,
  CaseFilter,
  CaseNoteInput,
  CaseReasonInput,
  CaseStepPayload,
  EscalateCaseInput,
  GiveCaseFeedbackInput,
  MarkCaseDuplicateInput,
  OpenCaseInput,
  OpenCasePayload,
  ResolveCaseInput,
} from './case.inputs.js';
import { CaseEvaluationType, CaseTimelineEntryType } from './case-parts.type.js';
import { CaseType } from './case.type.js';
import { CaseConnection } from './connections.js';
import { GridReference, ResidentReference, StaffReference } from './entity-references.js';

/** One workflow step for a caller: the case must be visible to them, then the transition table decides. */
export async function stepAs(ctx: SubgraphContext, command: StepCommand): Promise<{ case: Case }> {
  const found = await ctx.em.findOne(Case, { id: command.caseId });
  if (!found || !(await caseVisible(ctx, found)))
    throw new NotFoundError('Case', command.caseId, `事项 ${command.caseId} 不存在`);
  // the case it duplicates must be one the caller sees too (else the answer would tell that a hidden case exists)
  if (command.duplicateOfCaseId) {
    const original = await ctx.em.findOne(Case, { id: command.duplicateOfCaseId });
    if (!original || !(await caseVisible(ctx, original)))
      throw new InvalidInputError('duplicateOfCaseId', '所指的重复事项不存在');
  }
  const moved = await ctx.transaction((uow) =>
    takeStep(uow, command, workflowActor(ctx.principal), timelineActor(ctx.principal), ctx.clock.now()),
  );
  return { case: moved };
}

@Resolver(() => CaseType)
export class CaseResolver {
  @Query(() => CaseType, { nullable: true, description: '按编号查询事项（需 cases:read；仅限可见范围）' })
  async case(
    @Arg('id', () => ID, { description: '事项编号' }) id: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Case | null> {
    ctx.access.require('cases:read');
    const found = await ctx.loaders.byId(Case).load(id);
    return found && (await caseVisible(ctx, found)) ? found : null;
  }

  @Query(() => CaseConnection, {
    description: '事项列表（需 cases:read；按受理先后；部门角色只见本部门事项，网格员只见本网格）',
  })
  async cases(
    @Args() page: PageArgs,
    @Arg('filter', () => CaseFilter, { nullable: true, description: '筛选条件' }) filter: CaseFilter | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:read');
    return paginate(ctx.em, Case, await caseListWhere(ctx, filter), page);
  }

  @Mutation(() => OpenCasePayload, {
    description: '登记事项（需 cases:write）：按类别确定承办部门和时限，按反映人住址分派网格和网格员；发布 case.opened',
  })
  async openCase(
    @Arg('input', () => OpenCaseInput, { description: '事项信息' }) input: OpenCaseInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    const opener = await caseOpener(ctx);
    const opened = await ctx.transaction((uow) =>
      openCase(
        uow,
        {
          reporterId: input.reporterId,
          category: input.category as CaseCategory,
          channel: input.channel as CaseChannel,
          description: input.description,
          priority: input.priority as CasePriority | null,
          workType: input.workType as WorkType | null,
        },
        ctx.communityId,
        ctx.clock.now(),
        opener,
      ),
    );
    return { case: opened };
  }

  @Mutation(() => CaseStepPayload, {
    description: '分派事项（需 cases:write；承办部门或社区管理员）；发布 case.assigned',
  })
  assignCase(
    @Arg('input', () => AssignCaseInput, { description: '分派信息' }) input: AssignCaseInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, {
      caseId: input.caseId,
      action: 'ASSIGN',
      assigneeStaffId: input.assigneeStaffId,
      note: input.note,
    });
  }

  @Mutation(() => CaseStepPayload, { description: '开始办理（需 cases:write；承办人或承办部门）' })
  startCase(
    @Arg('input', () => CaseNoteInput, { description: '事项与说明' }) input: CaseNoteInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, { caseId: input.caseId, action: 'START', note: input.note });
  }

  @Mutation(() => CaseStepPayload, { description: '办结（需 cases:write；须填写办结说明）；发布 case.resolved' })
  resolveCase(
    @Arg('input', () => ResolveCaseInput, { description: '办结信息' }) input: ResolveCaseInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, { caseId: input.caseId, action: 'RESOLVE', note: input.resolutionNote });
  }

  @Mutation(() => CaseStepPayload, {
    description: '向居民反馈（需 cases:write；记录方式和时间）；发布 case.feedback_given',
  })
  giveCaseFeedback(
    @Arg('input', () => GiveCaseFeedbackInput, { description: '反馈信息' }) input: GiveCaseFeedbackInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, {
      caseId: input.caseId,
      action: 'GIVE_FEEDBACK',
      feedbackMethod: input.method,
      feedbackAt: input.givenAt,
      note: input.note,
    });
  }

  @Mutation(() => CaseStepPayload, { description: '结案（需 cases:write；须已反馈）；发布 case.closed' })
  closeCase(
    @Arg('input', () => CaseNoteInput, { description: '事项与说明' }) input: CaseNoteInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, { caseId: input.caseId, action: 'CLOSE', note: input.note });
  }

  @Mutation(() => CaseStepPayload, { description: '上报街道或区（需 cases:write）；发布 case.escalated' })
  escalateCase(
    @Arg('input', () => EscalateCaseInput, { description: '上报信息' }) input: EscalateCaseInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, {
      caseId: input.caseId,
      action: 'ESCALATE',
      escalationLevel: input.level as EscalationLevel,
      reason: input.reason,
    });
  }

  @Mutation(() => CaseStepPayload, { description: '区级平台签收上报事项（需 cases:escalation，机器客户端）' })
  acknowledgeEscalation(
    @Arg('input', () => CaseNoteInput, { description: '事项与说明' }) input: CaseNoteInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:escalation');
    return stepAs(ctx, { caseId: input.caseId, action: 'ACKNOWLEDGE_ESCALATION', note: input.note });
  }

  @Mutation(() => CaseStepPayload, {
    description: '区级平台退回上报事项（需 cases:escalation，机器客户端；须说明理由），事项回到办理中',
  })
  returnEscalation(
    @Arg('input', () => CaseReasonInput, { description: '事项与理由' }) input: CaseReasonInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:escalation');
    return stepAs(ctx, { caseId: input.caseId, action: 'RETURN_ESCALATION', reason: input.reason });
  }

  @Mutation(() => CaseStepPayload, { description: '不予受理（需 cases:write；须说明理由）；发布 case.closed' })
  rejectCase(
    @Arg('input', () => CaseReasonInput, { description: '事项与理由' }) input: CaseReasonInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, { caseId: input.caseId, action: 'REJECT', reason: input.reason });
  }

  @Mutation(() => CaseStepPayload, {
    description: '标记重复事项（需 cases:write；须指明重复的事项和理由）；发布 case.closed',
  })
  markCaseDuplicate(
    @Arg('input', () => MarkCaseDuplicateInput, { description: '重复信息' }) input: MarkCaseDuplicateInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, {
      caseId: input.caseId,
      action: 'MARK_DUPLICATE',
      duplicateOfCaseId: input.duplicateOfCaseId,
      reason: input.reason,
    });
  }

  @Mutation(() => CaseStepPayload, { description: '重新办理（需 cases:write；须说明理由），之后开始办理回到办理中' })
  reopenCase(
    @Arg('input', () => CaseReasonInput, { description: '事项与理由' }) input: CaseReasonInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    ctx.access.require('cases:write');
    return stepAs(ctx, { caseId: input.caseId, action: 'REOPEN', reason: input.reason });
  }

  // A case of a care-revealing category (救助申请) connects its reporter to hardship: its person link and its free
  // texts follow the care policy (null without care:read; audited for the reporter with it), see `caseValue`.
  @FieldResolver(() => ResidentReference, { nullable: true })
  reporter(@Root() record: Case, @Ctx() ctx: SubgraphContext): ResidentReference | null {
    return record.reporterId ? caseValue(ctx, record, { id: record.reporterId }) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  description(@Root() record: Case, @Ctx() ctx: SubgraphContext): string | null {
    return caseValue(ctx, record, record.description);
  }

  @FieldResolver(() => String, { nullable: true })
  resolutionNote(@Root() record: Case, @Ctx() ctx: SubgraphContext): string | null {
    return caseValue(ctx, record, record.resolutionNote);
  }

  @FieldResolver(() => String, { nullable: true })
  closingReason(@Root() record: Case, @Ctx() ctx: SubgraphContext): string | null {
    return caseValue(ctx, record, record.closingReason);
  }

  @FieldResolver(() => String, { nullable: true })
  escalationReason(@Root() record: Case, @Ctx() ctx: SubgraphContext): string | null {
    return caseValue(ctx, record, record.escalationReason);
  }

  @FieldResolver(() => GridReference, { nullable: true })
  assignedGrid(@Root() record: Case): GridReference | null {
    return record.gridId ? { id: record.gridId } : null;
  }

  @FieldResolver(() => StaffReference, { nullable: true })
  assignee(@Root() record: Case): StaffReference | null {
    return record.assigneeStaffId ? { id: record.assigneeStaffId } : null;
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() record: Case): boolean {
    return isOverdue(record);
  }

  @FieldResolver(() => [CaseTimelineEntryType], {
    description: '办理记录（按时间先后；救助申请等关爱/救助事项的说明对无权查看关爱对象的调用方为空）',
  })
  async timeline(@Root() record: Case, @Ctx() ctx: SubgraphContext): Promise<CaseTimelineEntryType[]> {
    const entries = await ctx.loaders
      .manyBy(CaseTimelineEntry, 'caseId', { orderBy: { at: 'asc', id: 'asc' } })
      .load(record.id);
    // the steps' notes speak of the person (走访：…, 办结说明): withheld as the case's own texts are
    return entries.map((entry) => ({ ...entry, note: caseValue(ctx, record, entry.note) }));
  }

  @FieldResolver(() => [CaseEvaluationType], { description: '居民评议（需 cases:appraisal；无权限时为空）' })
  async evaluations(@Root() record: Case, @Ctx() ctx: SubgraphContext): Promise<CaseEvaluation[]> {
    if (!ctx.access.can('cases:appraisal')) return [];
    return ctx.loaders.manyBy(CaseEvaluation, 'caseId', { orderBy: { evaluatedAt: 'asc', id: 'asc' } }).load(record.id);
  }
}
