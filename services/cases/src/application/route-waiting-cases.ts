import { CaseAssigned } from '@shequ/contracts';
import { executePlain, flushPending } from '@shequ/database';
import type { UnitOfWork } from '@shequ/subgraph';
import { Case } from '../entities/case.js';
import { GridProjection } from '../entities/grid-projection.js';
import { recordStep } from './case-timeline.js';
import { SYSTEM_TIMELINE_ACTOR } from './workflow-actor.js';

/**
 * When a reporter's grid becomes known after their case was opened (residents' event arrived late), the case still
 * waiting unassigned goes to that grid's worker, as it would have at intake: timeline entry and `case.assigned`.
 */
export async function routeWaitingCases(
  uow: UnitOfWork,
  residentId: string,
  gridId: string | null,
  now: Date,
): Promise<number> {
  if (!gridId) return 0;
  // the waiting cases first, with one plain statement (it runs for every registration and move): usually there are
  // none, and then neither the cases nor the grid need be loaded; pending changes of the unit of work count
  await flushPending(uow.em);
  const ids = await executePlain<{ id: string }>(
    uow.em,
    "select id from case_record where reporter_id = ? and status = 'RECEIVED' and assignee_staff_id is null",
    [residentId],
  );
  if (ids.length === 0) return 0;
  const waiting = await uow.em.find(Case, { id: { $in: ids.map((c) => c.id) } }, { orderBy: { id: 'asc' } });
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
