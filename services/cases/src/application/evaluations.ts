import {
  CaseEvaluated,
  CaseStatuses,
  EvaluationGrades,
  communityDateTime,
  labelOf,
  type EvaluationGrade,
} from '@shequ/contracts';
import { forUpdate, newId } from '@shequ/database';
import { ConflictError, InvalidInputError, NotFoundError } from '@shequ/errors';
import { requireOptionalReference, type UnitOfWork } from '@shequ/subgraph';
import { evaluationValidity, invalidation } from '../domain/evaluation-validity.js';
import type { RaterKind } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { CaseEvaluation } from '../entities/case-evaluation.js';
import { Visit } from '../entities/visit.js';
import { recordStep } from './case-timeline.js';
import type { TimelineActor } from './workflow-actor.js';

/** A resident served by the staff member: reporter of a case they handled, or a resident they visited. */
async function servedBy(uow: UnitOfWork, staffId: string | null, residentId: string): Promise<boolean> {
  if (!staffId) return false;
  if ((await uow.em.count(Case, { assigneeStaffId: staffId, reporterId: residentId })) > 0) return true;
  return (await uow.em.count(Visit, { staffId, residentId })) > 0;
}

const EVALUABLE = ['RESOLVED', 'FEEDBACK_GIVEN', 'CLOSED'];

/**
 * 居民评议 of a resolved case by its reporter or a sampled rater. 优/差 without a reason are stored but invalid
 * (with why); one evaluation per rater and case.
 */
export async function evaluateCase(
  uow: UnitOfWork,
  command: {
    caseId: string;
    grade: EvaluationGrade;
    reason?: string | null;
    raterResidentId?: string | null;
    raterKind: RaterKind;
  },
  now: Date,
): Promise<CaseEvaluation> {
  // locked as a step locks it: the status and the rater's earlier rating are checked against what stays (two
  // concurrent ratings of one rater, a rating crossing a reopening)
  const record = await uow.em.findOne(Case, { id: command.caseId }, { ...forUpdate(uow.em), refresh: true });
  if (!record) throw new NotFoundError('Case', command.caseId, `事项 ${command.caseId} 不存在`);
  // a rater who has moved out since may still rate what was done for them (known, not necessarily current); one
  // who has died rates nothing
  await requireOptionalReference(uow.em, {
    kind: 'RESIDENT',
    id: command.raterResidentId,
    field: 'raterResidentId',
    communityId: record.communityId,
    current: 'living',
  });
  if (command.raterKind === 'REPORTER' && (!record.reporterId || command.raterResidentId !== record.reporterId)) {
    throw new InvalidInputError('raterResidentId', '反映人评议须由该事项的反映人本人作出');
  }
  if (command.raterKind === 'SAMPLED') {
    if (!command.raterResidentId) throw new InvalidInputError('raterResidentId', '请指明抽取的评议人');
    if (!(await servedBy(uow, record.assigneeStaffId, command.raterResidentId))) {
      throw new InvalidInputError('raterResidentId', '抽取的评议人须为该工作者服务过的居民');
    }
  }
  if (!EVALUABLE.includes(record.status)) {
    throw new ConflictError(`事项当前状态为「${labelOf(CaseStatuses, record.status)}」，办结后才能评议`, {
      status: record.status,
    });
  }
  if (
    command.raterResidentId &&
    (await uow.em.findOne(CaseEvaluation, { caseId: record.id, raterResidentId: command.raterResidentId }))
  ) {
    throw new ConflictError('该居民已评议过此事项', { status: record.status });
  }
  const { valid, invalidReason } = evaluationValidity(command.grade, command.reason);
  const evaluation = uow.em.create(CaseEvaluation, {
    id: newId(),
    communityId: record.communityId,
    caseId: record.id,
    grade: command.grade,
    reason: command.reason?.trim() || null,
    valid,
    invalidReason,
    raterKind: command.raterKind,
    raterResidentId: command.raterResidentId ?? null,
    staffId: record.assigneeStaffId,
    evaluatedAt: now,
  });
  uow.events.record(CaseEvaluated, {
    caseId: record.id,
    number: record.number,
    grade: command.grade,
    valid,
    staffId: record.assigneeStaffId,
  });
  // The caller's transaction flushes (one batch with the rest of the unit of work).
  return evaluation;
}

/**
 * 经查不实: `community_admin` invalidates a rating found untrue, with a reason; the rating is kept (invalid, with the
 * reason), leaves the appraisal, and the case's timeline records who did it, when and why.
 */
export async function invalidateEvaluation(
  uow: UnitOfWork,
  command: { evaluationId: string; reason: string },
  actor: TimelineActor,
  now: Date,
  visible: (record: Case) => Promise<boolean>,
): Promise<CaseEvaluation> {
  const evaluation = await uow.em.findOne(CaseEvaluation, { id: command.evaluationId });
  const record = evaluation ? await uow.em.findOne(Case, { id: evaluation.caseId }) : null;
  if (!evaluation || !record || !(await visible(record)))
    throw new NotFoundError('CaseEvaluation', command.evaluationId, `评议 ${command.evaluationId} 不存在`);
  const change = invalidation(evaluation, command.reason);
  evaluation.valid = change.valid;
  evaluation.invalidReason = change.invalidReason;
  recordStep(uow.em, record, {
    action: 'INVALIDATE_EVALUATION',
    from: record.status,
    to: record.status,
    actor,
    note: `作废居民评议「${EvaluationGrades.labels[evaluation.grade]}」（${communityDateTime(evaluation.evaluatedAt).slice(0, 16).replace('T', ' ')} 评议）：${change.invalidReason}`,
    at: now,
  });
  await uow.em.flush();
  return evaluation;
}
