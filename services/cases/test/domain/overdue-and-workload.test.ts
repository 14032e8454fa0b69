import { describe, expect, it } from 'vitest';
import type { CaseStatus } from '@shequ/contracts';
import { isOpen, isOverdue, workloadOf } from '../../src/domain/time-limits.js';

const at = new Date('2026-03-02T01:00:00Z');
const c = (status: CaseStatus, flags: { ack?: Date; resolve?: Date; resolvedAt?: Date } = {}) => ({
  status,
  acknowledgeOverdueAt: flags.ack ?? null,
  resolveOverdueAt: flags.resolve ?? null,
  resolvedAt: flags.resolvedAt ?? null,
});

describe('超时 and 工作量 (one rule for the field, the filter and the workload)', () => {
  it('calls a case overdue once either limit was flagged as passed', () => {
    expect(isOverdue(c('ASSIGNED'))).toBe(false);
    expect(isOverdue(c('ASSIGNED', { ack: at }))).toBe(true);
    expect(isOverdue(c('IN_PROGRESS', { resolve: at }))).toBe(true);
    expect(isOverdue(c('RESOLVED', { ack: at, resolve: at, resolvedAt: at }))).toBe(true);
  });

  it('counts open, open-and-overdue and resolved cases of a handler', () => {
    expect(isOpen(c('RESOLVED', { resolvedAt: at }))).toBe(false);
    expect(
      workloadOf([
        c('ASSIGNED'),
        c('IN_PROGRESS', { resolve: at }),
        c('RESOLVED', { resolve: at, resolvedAt: at }),
        c('CLOSED', { resolvedAt: at }),
      ]),
    ).toEqual({ openCases: 2, overdueCases: 1, resolvedCases: 2 });
  });
});
