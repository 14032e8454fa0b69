import { CaseAssigned } from '@shequ/contracts';
import type { UnitOfWork } from '@shequ/subgraph';
import { Case } from '../entities/case.js';
import { GridProjection } from '../entities/grid-projection.js';
import { recordStep } from './case-timeline.js';
import { SYSTEM_TIMELINE_ACTOR } from './workflow-actor.js';

/**
 * When a reporter's grid becomes known after their case was opened (residents' event arrived late), the case still
 * waiting unassigned goes to that grid's worker, as it would have at intake: timeline entry and `case.assigned`.
 * `waitingCaseIds`: the reporter's cases received and unassigned, as `upsertResidentProjection` found them (with the
 * unit of work flushed before it: its pending changes count).
 */
export async function routeWaitingCases(
  uow: UnitOfWork,
  waitingCaseIds: readonly string[],
  gridId: string | null,
  now: Date,
): Promise<number> {
  if (!gridId) return 0;
  // usually there are none, and then neither the cases nor the grid need be loaded
  if (waitingCaseIds.length === 0) return 0;
  const waiting = await uow.em.find(Case, { id: { $in: [...waitingCaseIds] } }, { orderBy: { id: 'asc' } });
  const grid = await uow.em.findOne(GridProjection, { gridId });
  if (!grid?.gridWorkerStaffId) return 0;
  for (const record of waiting) {
    record.gridId = gridId;
    record.assigneeStaffId = grid.gridWorkerStaffId;
    record.status = 'ASSIGNED';
    recordStep(uow.em, record, {
      action: 'ASSIGN',
      from: 'RECEIVED',
      to: 'ASSIGNED',
      actor: SYSTEM_TIMELINE_ACTOR,
      note: '居民住址确认后按网格分派网格员',
      at: now,
    });
    uow.events.record(
      CaseAssigned,
      {
        caseId: record.id,
        number: record.number,
        assigneeId: grid.gridWorkerStaffId,
        department: record.department,
        assignedAt: now.toISOString(),
      },
      { communityId: record.communityId },
    );
  }
  return waiting.length;
}
