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
