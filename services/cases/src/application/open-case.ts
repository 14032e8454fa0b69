import { CaseOpened, type CaseCategory, type CaseChannel, type CasePriority } from '@shequ/contracts';
import { newId } from '@shequ/database';
import type { UnitOfWork } from '@shequ/subgraph';
import { departmentForCategory } from '../domain/category-policy.js';
import { validDescription } from '../domain/case-intake.js';
import { Case } from '../entities/case.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { nextCaseNumber } from './next-case-number.js';

export interface OpenCaseCommand {
  reporterId?: string | null;
  category: CaseCategory;
  channel: CaseChannel;
  description: string;
  priority?: CasePriority | null;
}

/**
 * 登记: opens a case. The category decides the department; the grid comes from the local resident projection
 * (built from residents' events). If the reporter's registration has not arrived yet, the case waits unrouted
 * and is routed when it does.
 */
export async function openCase(uow: UnitOfWork, command: OpenCaseCommand, communityId: string, now: Date): Promise<Case> {
  const description = validDescription(command.description);
  const reporter = command.reporterId ? await uow.em.findOne(ResidentProjection, { residentId: command.reporterId }) : null;
  const number = await nextCaseNumber(uow.em, now.getFullYear());
  const record = uow.em.create(Case, {
    id: newId(),
    communityId,
    number,
    category: command.category,
    channel: command.channel,
    priority: command.priority ?? 'NORMAL',
    department: departmentForCategory[command.category],
    reporterId: command.reporterId ?? null,
    description,
    gridId: reporter?.gridId ?? null,
    openedAt: now,
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
  await uow.em.flush();
  return record;
}
