import type { CaseStatus } from '@shequ/contracts';
import { FINISHED_STATUSES } from './case-workflow.js';

export type TimeLimit = 'ACKNOWLEDGE' | 'RESOLVE';

export interface TimeLimitFacts {
  status: CaseStatus;
  acknowledgeDueAt: Date;
  resolveDueAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  acknowledgeOverdueAt: Date | null;
  resolveOverdueAt: Date | null;
}

const STOPPED: readonly CaseStatus[] = [...FINISHED_STATUSES];

/**
 * The limits a case has newly passed at `now` (not yet flagged): 响应 until the handler takes it up
 * (IN_PROGRESS), 办结 until it is resolved. Rejected, duplicate and finished cases run no clock.
 */
export function newlyOverdue(facts: TimeLimitFacts, now: Date): TimeLimit[] {
  if (STOPPED.includes(facts.status)) return [];
  const limits: TimeLimit[] = [];
  if (!facts.acknowledgedAt && !facts.acknowledgeOverdueAt && now > facts.acknowledgeDueAt) limits.push('ACKNOWLEDGE');
  if (!facts.resolvedAt && !facts.resolveOverdueAt && now > facts.resolveDueAt) limits.push('RESOLVE');
  return limits;
}

/** 按时办结: resolved no later than its resolve deadline. */
export function resolvedOnTime(resolvedAt: Date | null, resolveDueAt: Date): boolean | null {
  return resolvedAt ? resolvedAt.getTime() <= resolveDueAt.getTime() : null;
}

/** 超时: a case that has passed its 响应 or its 办结 limit (flagged by the scan; stays so once flagged). */
export function isOverdue(facts: Pick<TimeLimitFacts, 'acknowledgeOverdueAt' | 'resolveOverdueAt'>): boolean {
  return !!facts.acknowledgeOverdueAt || !!facts.resolveOverdueAt;
}

/** Whether a case is still open (not rejected, duplicate, resolved or closed). */
export function isOpen(facts: Pick<TimeLimitFacts, 'status'>): boolean {
  return !STOPPED.includes(facts.status);
}

export interface CaseWorkload {
  openCases: number;
  overdueCases: number;
  resolvedCases: number;
}

/** 工作量 of one handler over the cases assigned to them: open, open and overdue, resolved so far. */
export function workloadOf(
  cases: readonly Pick<TimeLimitFacts, 'status' | 'acknowledgeOverdueAt' | 'resolveOverdueAt' | 'resolvedAt'>[],
): CaseWorkload {
  const open = cases.filter(isOpen);
  return {
    openCases: open.length,
    overdueCases: open.filter(isOverdue).length,
    resolvedCases: cases.filter((c) => !!c.resolvedAt).length,
  };
}
