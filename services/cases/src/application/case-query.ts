import { visibleTaskRules } from '../domain/proactive-rules/index.js';
import type { FilterQuery } from '@mikro-orm/core';
import type { CaseCategory, CaseStatus } from '@shequ/contracts';
import { communityWhere, type SubgraphContext } from '@shequ/subgraph';
import { FINISHED_STATUSES } from '../domain/case-workflow.js';
import type { Case } from '../entities/case.js';
import type { ProactiveTask } from '../entities/proactive-task.js';
import { caseScope, visibleGridIds } from './case-scope.js';

export interface CaseCriteria {
  status?: string | null;
  category?: string | null;
  gridId?: string | null;
  overdue?: boolean | null;
}

/** The query form of the domain's `isOverdue`: a 响应 or 办结 limit flagged as passed. */
export function overdueWhere(overdue: boolean): FilterQuery<Case> {
  return overdue
    ? { $or: [{ acknowledgeOverdueAt: { $ne: null } }, { resolveOverdueAt: { $ne: null } }] }
    : { acknowledgeOverdueAt: null, resolveOverdueAt: null };
}

/** The query form of the domain's `isOpen`: not rejected, duplicate, resolved or closed. */
export const OPEN_CASE_WHERE: FilterQuery<Case> = { status: { $nin: [...FINISHED_STATUSES] } };

/** List filters of `cases` within the caller's row scope (all criteria must hold). */
export async function caseListWhere(
  ctx: SubgraphContext,
  criteria: CaseCriteria | null | undefined,
): Promise<FilterQuery<Case>> {
  const all: FilterQuery<Case>[] = await caseScope(ctx);
  if (criteria?.status) all.push({ status: criteria.status as CaseStatus });
  if (criteria?.category) all.push({ category: criteria.category as CaseCategory });
  if (criteria?.gridId) all.push({ gridId: criteria.gridId });
  if (criteria?.overdue === true || criteria?.overdue === false) all.push(overdueWhere(criteria.overdue));
  return { $and: all };
}

export interface ProactiveTaskCriteria {
  status?: string | null;
  rule?: string | null;
  residentId?: string | null;
}

/** List filters of `proactiveTasks` within the caller's row scope: its community; a grid worker only its grids. */
export async function proactiveTaskWhere(
  ctx: SubgraphContext,
  criteria: ProactiveTaskCriteria | null | undefined,
): Promise<FilterQuery<ProactiveTask>> {
  const all: FilterQuery<ProactiveTask>[] = [communityWhere(ctx.access)];
  const grids = await visibleGridIds(ctx);
  if (grids) all.push({ gridId: { $in: [...grids] } });
  // A task that exists because of a care category (低保 review, elderly living alone) tells that category:
  // roles that may not see care categories (综治, 党建, a key without care:read) do not see such tasks at all.
  all.push({ rule: { $in: visibleTaskRules(ctx.access.seesCare()) } });
  if (criteria?.status) all.push({ status: criteria.status as ProactiveTask['status'] });
  if (criteria?.rule) all.push({ rule: criteria.rule });
  if (criteria?.residentId) all.push({ residentId: criteria.residentId });
  return { $and: all };
}
