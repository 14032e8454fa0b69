import { describe, expect, it } from 'vitest';
import { CaseStatuses, type CaseStatus } from '@shequ/contracts';
import {
  actionsFrom,
  CASE_TRANSITIONS,
  planTransition,
  type CaseFacts,
  type StepInput,
  type WorkflowActor,
} from '../../src/domain/case-workflow.js';
import type { CaseAction } from '../../src/domain/vocabularies.js';

const facts = (status: CaseStatus, extra: Partial<CaseFacts> = {}): CaseFacts => ({
  id: 'case-1',
  status,
  department: 'COMPREHENSIVE_GOVERNANCE',
  assigneeStaffId: 'staff-a',
  feedbackMethod: status === 'FEEDBACK_GIVEN' ? '电话' : null,
  feedbackAt: status === 'FEEDBACK_GIVEN' ? new Date('2026-05-01T02:00:00Z') : null,
  escalationAcknowledgedAt: null,
  ...extra,
});
const assignee: WorkflowActor = { kind: 'staff', staffId: 'staff-a', department: 'GRID', dispatcher: false };
const colleague: WorkflowActor = {
  kind: 'staff',
  staffId: 'staff-b',
  department: 'COMPREHENSIVE_GOVERNANCE',
  dispatcher: false,
};
const outsider: WorkflowActor = { kind: 'staff', staffId: 'staff-c', department: 'CULTURE', dispatcher: false };
const dispatcher: WorkflowActor = { kind: 'staff', staffId: 'admin', department: null, dispatcher: true };
const platform: WorkflowActor = { kind: 'platform', id: 'key-1' };

const complete: Record<CaseAction, StepInput> = {
  OPEN: {},
  ASSIGN: { assigneeStaffId: 'staff-b' },
  START: {},
  RESOLVE: { note: '已更换水管' },
  GIVE_FEEDBACK: { feedbackMethod: '电话', feedbackAt: new Date('2026-05-01T02:00:00Z') },
  CLOSE: {},
  ESCALATE: { escalationLevel: 'STREET', reason: '涉及多部门' },
  ACKNOWLEDGE_ESCALATION: {},
  RETURN_ESCALATION: { reason: '属社区职责' },
  REJECT: { reason: '不属于社区职责' },
  MARK_DUPLICATE: { reason: '同一渗水问题', duplicateOfCaseId: 'case-0' },
  REOPEN: { reason: '居民反映仍渗水' },
  OVERDUE: {},
  INVALIDATE_EVALUATION: {},
  MEDIATION: {},
  VISIT: {},
};

describe('case transition table', () => {
  const expected: Array<[CaseAction, CaseStatus, CaseStatus]> = [
    ['ASSIGN', 'RECEIVED', 'ASSIGNED'],
    ['ASSIGN', 'ASSIGNED', 'ASSIGNED'],
    ['ASSIGN', 'REOPENED', 'ASSIGNED'],
    ['START', 'ASSIGNED', 'IN_PROGRESS'],
    ['START', 'REOPENED', 'IN_PROGRESS'],
    ['RESOLVE', 'IN_PROGRESS', 'RESOLVED'],
    ['RESOLVE', 'ESCALATED', 'RESOLVED'],
    ['GIVE_FEEDBACK', 'RESOLVED', 'FEEDBACK_GIVEN'],
    ['CLOSE', 'FEEDBACK_GIVEN', 'CLOSED'],
    ['ESCALATE', 'ASSIGNED', 'ESCALATED'],
    ['ESCALATE', 'IN_PROGRESS', 'ESCALATED'],
    ['REJECT', 'RECEIVED', 'REJECTED'],
    ['REJECT', 'IN_PROGRESS', 'REJECTED'],
    ['MARK_DUPLICATE', 'ASSIGNED', 'DUPLICATE'],
    ['REOPEN', 'RESOLVED', 'REOPENED'],
    ['REOPEN', 'CLOSED', 'REOPENED'],
  ];
  it.each(expected)('%s from %s → %s (by the assignee)', (action, from, to) => {
    expect(planTransition(facts(from), action, assignee, complete[action])).toBe(to);
  });

  it('lets the district platform acknowledge once and return an escalation to IN_PROGRESS', () => {
    expect(planTransition(facts('ESCALATED'), 'ACKNOWLEDGE_ESCALATION', platform)).toBe('ESCALATED');
    expect(() =>
      planTransition(facts('ESCALATED', { escalationAcknowledgedAt: new Date() }), 'ACKNOWLEDGE_ESCALATION', platform),
    ).toThrow(/已签收/);
    expect(planTransition(facts('ESCALATED'), 'RETURN_ESCALATION', platform, complete.RETURN_ESCALATION)).toBe(
      'IN_PROGRESS',
    );
    expect(() => planTransition(facts('ESCALATED'), 'RETURN_ESCALATION', assignee, complete.RETURN_ESCALATION)).toThrow(
      /区级平台/,
    );
  });

  it('rejects every step the table does not list with CONFLICT naming the current state', () => {
    let checked = 0;
    for (const status of CaseStatuses.codes) {
      for (const action of [
        'ASSIGN',
        'START',
        'RESOLVE',
        'GIVE_FEEDBACK',
        'CLOSE',
        'ESCALATE',
        'REJECT',
        'MARK_DUPLICATE',
        'REOPEN',
      ] as CaseAction[]) {
        if (actionsFrom(status).includes(action)) continue;
        checked++;
        try {
          planTransition(facts(status), action, assignee, complete[action]);
          expect.unreachable(`${action} from ${status}`);
        } catch (error: any) {
          expect(error.code).toBe('CONFLICT');
          // named in Chinese for the worker (已分派, not ASSIGNED); the code is in its details (extensions.status)
          expect(error.message).toContain(`「${CaseStatuses.labels[status]}」`);
          expect(error.message).not.toContain(status);
          expect(error.details.status).toBe(status);
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('lets only the assignee or the handling department move a case; the dispatcher may also assign, reject, mark duplicate and reopen', () => {
    expect(planTransition(facts('ASSIGNED'), 'START', colleague)).toBe('IN_PROGRESS');
    expect(() => planTransition(facts('ASSIGNED'), 'START', outsider)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => planTransition(facts('ASSIGNED'), 'START', dispatcher)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => planTransition(facts('ASSIGNED'), 'START', platform)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(planTransition(facts('RECEIVED', { assigneeStaffId: null }), 'ASSIGN', dispatcher, complete.ASSIGN)).toBe(
      'ASSIGNED',
    );
    expect(planTransition(facts('RECEIVED'), 'REJECT', dispatcher, complete.REJECT)).toBe('REJECTED');
    expect(() => planTransition(facts('RECEIVED'), 'ASSIGN', outsider, complete.ASSIGN)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('enforces each step’s requirement with BAD_USER_INPUT on the field', () => {
    const bad = (status: CaseStatus, action: CaseAction, input: StepInput, field: string) => {
      try {
        planTransition(facts(status), action, assignee, input);
        expect.unreachable();
      } catch (error: any) {
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.field).toBe(field);
      }
    };
    bad('RECEIVED', 'ASSIGN', {}, 'assigneeStaffId');
    bad('IN_PROGRESS', 'RESOLVE', { note: ' ' }, 'resolutionNote');
    bad('RESOLVED', 'GIVE_FEEDBACK', { feedbackAt: new Date() }, 'method');
    bad('RESOLVED', 'GIVE_FEEDBACK', { feedbackMethod: '上门' }, 'givenAt');
    bad('IN_PROGRESS', 'ESCALATE', { reason: '涉及多部门' }, 'level');
    bad('IN_PROGRESS', 'ESCALATE', { escalationLevel: 'DISTRICT' }, 'reason');
    bad('RECEIVED', 'REJECT', {}, 'reason');
    bad('RECEIVED', 'MARK_DUPLICATE', { duplicateOfCaseId: 'case-0' }, 'reason');
    bad('RECEIVED', 'MARK_DUPLICATE', { reason: '重复反映' }, 'duplicateOfCaseId');
    bad('RECEIVED', 'MARK_DUPLICATE', { reason: '重复反映', duplicateOfCaseId: 'case-1' }, 'duplicateOfCaseId');
    bad('CLOSED', 'REOPEN', {}, 'reason');
    bad('ESCALATED', 'RESOLVE', {}, 'resolutionNote');
  });

  it('will not close a case whose feedback is not recorded', () => {
    expect(() => planTransition(facts('FEEDBACK_GIVEN', { feedbackMethod: null }), 'CLOSE', assignee)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('is one table covering every workflow status', () => {
    const reachable = new Set(
      CASE_TRANSITIONS.flatMap((t) => [...t.from, typeof t.to === 'string' ? t.to : 'RECEIVED']),
    );
    expect([...reachable].sort()).toEqual([...CaseStatuses.codes].sort());
  });
});
