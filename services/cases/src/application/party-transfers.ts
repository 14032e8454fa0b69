import type { UnitOfWork } from '@shequ/subgraph';
import { Case } from '../entities/case.js';
import { takeStep } from './case-steps.js';
import type { WorkflowActor } from '../domain/case-workflow.js';
import { SYSTEM_TIMELINE_ACTOR } from './workflow-actor.js';

/** A 组织关系转接 case's transfer completed in partybuilding (transferred_in / transferred_out with its caseId). */
export interface TransferCompletion {
  caseId?: string | null;
  direction: 'IN' | 'OUT';
  letterNumber: string;
  completedOn: string;
}

/**
 * The case moves on by itself when its transfer completes: an open case (assigned or in progress) is resolved with
 * the transfer's outcome as its note, written on the timeline by the system; feedback to the resident stays with the
 * handler. A case already resolved or closed, or not yet assigned, is left as it is (idempotent on redelivery).
 */
export async function transferCompleted(
  uow: UnitOfWork,
  completion: TransferCompletion,
  now: Date,
): Promise<Case | null> {
  if (!completion.caseId) return null;
  const record = await uow.em.findOne(Case, { id: completion.caseId });
  if (!record || !record.assigneeStaffId) return null;
  // The system acts for the case's handler (the step is the handler's, taken on their behalf).
  const actor: WorkflowActor = {
    kind: 'staff',
    staffId: record.assigneeStaffId,
    department: record.department,
    dispatcher: true,
  };
  const letter = completion.letterNumber ? `，介绍信 ${completion.letterNumber}` : '';
  const note = `组织关系${completion.direction === 'IN' ? '转入' : '转出'}已于 ${completion.completedOn} 办结${letter}（党建系统同步，自动办结）`;
  if (record.status === 'ASSIGNED' || record.status === 'REOPENED')
    await takeStep(
      uow,
      { caseId: record.id, action: 'START', note: '组织关系转接办理中' },
      actor,
      SYSTEM_TIMELINE_ACTOR,
      now,
    );
  if (record.status === 'IN_PROGRESS' || record.status === 'ESCALATED')
    return takeStep(uow, { caseId: record.id, action: 'RESOLVE', note }, actor, SYSTEM_TIMELINE_ACTOR, now);
  return null;
}
