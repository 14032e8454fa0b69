import {
  communityYearMonth,
  CaseAssigned,
  CaseChannels,
  CaseOpened,
  labelOf,
  type CaseCategory,
  type CaseChannel,
  type CasePriority,
} from '@shequ/contracts';
import { newId } from '@shequ/database';
import { InvalidInputError } from '@shequ/errors';
import { requireOptionalReference, type UnitOfWork } from '@shequ/subgraph';
import { deadlinesFor, departmentForCategory } from '../domain/category-policy.js';
import { validDescription } from '../domain/case-intake.js';
import { defaultWorkType, type WorkType } from '../domain/work-type.js';
import { Case } from '../entities/case.js';
import { GridProjection } from '../entities/grid-projection.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { gridOf, type CaseOpener } from './case-scope.js';
import { recordStep } from './case-timeline.js';
import { nextCaseNumber } from './next-case-number.js';
import { closeTasksOf, noteContact } from './proactive-tasks.js';
import { SYSTEM_TIMELINE_ACTOR } from './workflow-actor.js';

export interface OpenCaseCommand {
  reporterId?: string | null;
  category: CaseCategory;
  channel: CaseChannel;
  description: string;
  priority?: CasePriority | null;
  workType?: WorkType | null;
  /** Where the matter is when no reporter's address says it (an Open311 report's building or household). */
  gridId?: string | null;
  /** The input field that named the place behind `gridId` (refused by it when outside the opener's grids). */
  gridField?: string;
}

/** Seeds and the service's own reactions: not limited to grids. */
export const SYSTEM_OPENER: CaseOpener = { actor: SYSTEM_TIMELINE_ACTOR, grids: null };

/**
 * 登记: opens a case. The category decides the department and time limits; the grid comes from the local resident
 * projection (residents' events) and its grid worker becomes the default assignee (the case is then 分派 at once).
 * If the reporter's registration has not arrived yet, the case waits unrouted and is routed when it does.
 * Opening a case counts as a contact with the reporter and closes their open proactive tasks.
 * A grid worker (网格员) opens cases of its own grids only — its reporter's grid, or the place an intake names —
 * on every path (the mutation, Open311 intake): otherwise `BAD_USER_INPUT` on that field, nothing written, so
 * the contact and the settled tasks follow the same rule as a visit's (`checkVisitScope`). A matter with neither
 * a reporter nor a place concerns nobody and stays unrouted for the dispatcher.
 */
export async function openCase(
  uow: UnitOfWork,
  command: OpenCaseCommand,
  communityId: string,
  now: Date,
  opener: CaseOpener,
): Promise<Case> {
  const actor = opener.actor;
  const description = validDescription(command.description);
  await requireOptionalReference(uow.em, {
    kind: 'RESIDENT',
    id: command.reporterId,
    field: 'reporterId',
    communityId,
    current: 'living',
  });
  const reporter = command.reporterId
    ? await uow.em.findOne(ResidentProjection, { residentId: command.reporterId })
    : null;
  const gridId = reporter?.gridId ?? command.gridId ?? null;
  if (opener.grids) {
    if (command.reporterId) {
      const reporterGrid = reporter?.gridId ?? (await gridOf(uow.em, 'RESIDENT', command.reporterId));
      if (!reporterGrid || !opener.grids.has(reporterGrid))
        throw new InvalidInputError('reporterId', `居民「${command.reporterId}」不存在或不在您负责的网格内`);
    }
    if (command.gridId && !opener.grids.has(command.gridId)) {
      const field = command.gridField ?? 'gridId';
      throw new InvalidInputError(field, `「${field}」所指的地点不在您负责的网格内`);
    }
  }
  const grid = gridId ? await uow.em.findOne(GridProjection, { gridId }) : null;
  const number = await nextCaseNumber(uow.em, communityYearMonth(now).year);
  const assignee = grid?.gridWorkerStaffId ?? null;
  const record = uow.em.create(Case, {
    id: newId(),
    communityId,
    number,
    category: command.category,
    channel: command.channel,
    priority: command.priority ?? 'NORMAL',
    department: departmentForCategory[command.category],
    workType: command.workType ?? defaultWorkType(command.channel),
    reporterId: command.reporterId ?? null,
    description,
    gridId,
    assigneeStaffId: assignee,
    status: assignee ? 'ASSIGNED' : 'RECEIVED',
    openedAt: now,
    ...deadlinesFor(command.category, now),
  });
  recordStep(uow.em, record, {
    action: 'OPEN',
    from: null,
    to: 'RECEIVED',
    actor,
    note: `受理渠道：${labelOf(CaseChannels, command.channel)}`,
    at: now,
  });
  uow.events.record(CaseOpened, {
    caseId: record.id,
    number,
    category: record.category,
    channel: record.channel,
    priority: record.priority,
    department: record.department,
    reporterId: record.reporterId,
    residentIds: record.reporterId ? [record.reporterId] : [],
    gridId: record.gridId,
    openedAt: now.toISOString(),
  });
  if (assignee) {
    recordStep(uow.em, record, {
      action: 'ASSIGN',
      from: 'RECEIVED',
      to: 'ASSIGNED',
      actor: SYSTEM_TIMELINE_ACTOR,
      note: '按网格默认分派网格员',
      at: now,
    });
    uow.events.record(CaseAssigned, {
      caseId: record.id,
      number,
      assigneeId: assignee,
      department: record.department,
      assignedAt: now.toISOString(),
    });
  }
  if (record.reporterId) {
    await noteContact(uow.em, record.reporterId, now);
    await closeTasksOf(uow, record.reporterId, 'CASE', record.id, now);
  }
  // The caller's transaction flushes (one batch with the rest of the unit of work).
  return record;
}
