import { CaseAssigned, CaseClosed, CaseEscalated, CaseFeedbackGiven, CaseResolved } from '@shequ/contracts';
import { forUpdate } from '@shequ/database';
import { InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireReference, type UnitOfWork } from '@shequ/subgraph';
import { planTransition, type StepInput, type WorkflowActor } from '../domain/case-workflow.js';
import { resolvedOnTime } from '../domain/time-limits.js';
import type { CaseAction } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { recordStep } from './case-timeline.js';
import type { TimelineActor } from './workflow-actor.js';

export interface StepCommand extends StepInput {
  caseId: string;
  action: CaseAction;
}

/**
 * Moves a case one step: load (row-locked) → the transition table decides (CONFLICT / FORBIDDEN / BAD_USER_INPUT)
 * → change → timeline entry → event. Nothing is written when a check fails.
 */
export async function takeStep(
  uow: UnitOfWork,
  command: StepCommand,
  actor: WorkflowActor,
  who: TimelineActor,
  now: Date,
): Promise<Case> {
  const record = await uow.em.findOne(Case, { id: command.caseId }, forUpdate(uow.em));
  if (!record) throw new NotFoundError('Case', command.caseId, `事项 ${command.caseId} 不存在`);
  const from = record.status;
  const to = planTransition(record, command.action, actor, command);
  if (command.action === 'GIVE_FEEDBACK' && command.feedbackAt) {
    if (command.feedbackAt.getTime() > now.getTime() + 5 * 60_000)
      throw new InvalidInputError('givenAt', '反馈时间不能晚于当前时间');
    if (record.resolvedAt && command.feedbackAt < record.resolvedAt)
      throw new InvalidInputError('givenAt', '反馈时间不能早于办结时间');
  }
  if (command.action === 'ASSIGN' && command.assigneeStaffId)
    await requireReference(uow.em, {
      kind: 'STAFF',
      id: command.assigneeStaffId,
      field: 'assigneeStaffId',
      communityId: record.communityId,
    });
  if (command.action === 'MARK_DUPLICATE') {
    const other = await uow.em.findOne(Case, { id: command.duplicateOfCaseId!, communityId: record.communityId });
    if (!other) throw new InvalidInputError('duplicateOfCaseId', '所指的重复事项不存在');
  }
  const at = now;
  const ref = { caseId: record.id, number: record.number };
  let note = command.note?.trim() || command.reason?.trim() || null;
  switch (command.action) {
    case 'ASSIGN':
      record.assigneeStaffId = command.assigneeStaffId!;
      note = note ?? `分派给 ${command.assigneeStaffId}`;
      uow.events.record(CaseAssigned, {
        ...ref,
        assigneeId: record.assigneeStaffId,
        department: record.department,
        assignedAt: at.toISOString(),
      });
      break;
    case 'START':
      record.acknowledgedAt ??= at;
      break;
    case 'RESOLVE': {
      record.resolvedAt = at;
      record.resolutionNote = command.note!.trim();
      uow.events.record(CaseResolved, {
        ...ref,
        resolvedAt: at.toISOString(),
        onTime: resolvedOnTime(at, record.resolveDueAt)!,
      });
      break;
    }
    case 'GIVE_FEEDBACK':
      record.feedbackMethod = command.feedbackMethod!.trim();
      record.feedbackAt = command.feedbackAt!;
      note = note ?? `反馈方式：${record.feedbackMethod}`;
      uow.events.record(CaseFeedbackGiven, {
        ...ref,
        method: record.feedbackMethod,
        givenAt: record.feedbackAt.toISOString(),
      });
      break;
    case 'CLOSE':
    case 'REJECT':
    case 'MARK_DUPLICATE':
      record.closedAt = at;
      if (command.action !== 'CLOSE') record.closingReason = command.reason!.trim();
      if (command.action === 'MARK_DUPLICATE') record.duplicateOfId = command.duplicateOfCaseId!;
      uow.events.record(CaseClosed, { ...ref, finalStatus: to, closedAt: at.toISOString() });
      break;
    case 'ESCALATE':
      record.escalationLevel = command.escalationLevel!;
      record.escalationReason = command.reason!.trim();
      record.escalatedAt = at;
      record.escalationAcknowledgedAt = null;
      record.acknowledgedAt ??= at;
      uow.events.record(CaseEscalated, {
        ...ref,
        level: record.escalationLevel,
        reason: record.escalationReason,
        escalatedAt: at.toISOString(),
        category: record.category,
      });
      break;
    case 'ACKNOWLEDGE_ESCALATION':
      record.escalationAcknowledgedAt = at;
      note = note ?? '上级平台已签收';
      break;
    case 'RETURN_ESCALATION':
      record.escalationLevel = null;
      record.escalatedAt = null;
      record.escalationAcknowledgedAt = null;
      break;
    case 'REOPEN':
      record.closingReason = command.reason!.trim();
      record.resolvedAt = null;
      record.resolutionNote = null;
      record.feedbackMethod = null;
      record.feedbackAt = null;
      record.closedAt = null;
      break;
    default:
      break;
  }
  record.status = to;
  recordStep(uow.em, record, { action: command.action, from, to, actor: who, note, at });
  // The caller's transaction flushes (one batch with the rest of the unit of work).
  return record;
}
