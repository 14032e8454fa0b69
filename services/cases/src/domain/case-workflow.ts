import type { CaseStatus } from '@shequ/contracts';
import { ConflictError, ForbiddenError, InvalidInputError } from '@shequ/errors';
import { CaseStatuses } from '@shequ/contracts';
import type { CaseAction, EscalationLevel } from './vocabularies.js';

/** Who acts on a case. Staff act by their person id and department; the district platform is a machine client. */
export type WorkflowActor =
  { kind: 'staff'; staffId: string; department: string | null; dispatcher: boolean } | { kind: 'platform'; id: string };

/** The facts of a case the guards look at. */
export interface CaseFacts {
  id: string;
  status: CaseStatus;
  department: string;
  assigneeStaffId: string | null;
  feedbackMethod: string | null;
  feedbackAt: Date | null;
  escalationAcknowledgedAt: Date | null;
}

/** What comes with a step (only some actions use each). Errors name the API's input fields (resolutionNote, method, givenAt, level …). */
export interface StepInput {
  note?: string | null;
  assigneeStaffId?: string | null;
  feedbackMethod?: string | null;
  feedbackAt?: Date | null;
  reason?: string | null;
  duplicateOfCaseId?: string | null;
  escalationLevel?: EscalationLevel | null;
}

/** Who may take a step: the handler (assignee or their department), also the dispatcher, or the district platform. */
type ActorRule = 'HANDLER' | 'HANDLER_OR_DISPATCHER' | 'PLATFORM';

interface Transition {
  action: CaseAction;
  from: readonly CaseStatus[];
  to: CaseStatus | ((facts: CaseFacts) => CaseStatus);
  actor: ActorRule;
  /** Throws InvalidInputError / ConflictError when the step's own requirement is not met. */
  guard?: (facts: CaseFacts, input: StepInput) => void;
}

const OPEN_STATES: readonly CaseStatus[] = ['RECEIVED', 'ASSIGNED', 'IN_PROGRESS'];

function requireText(field: string, value: string | null | undefined, message: string): void {
  if (!value || value.trim().length < 2) throw new InvalidInputError(field, message);
}

/**
 * The one table of allowed transitions (DESIGN §5): 登记 RECEIVED → 分派 ASSIGNED → 办理 IN_PROGRESS → 办结 RESOLVED
 * → 反馈 FEEDBACK_GIVEN → CLOSED, with ESCALATED, REJECTED/DUPLICATE and REOPENED. Anything not listed is a conflict.
 */
export const CASE_TRANSITIONS: readonly Transition[] = [
  {
    action: 'ASSIGN',
    from: ['RECEIVED', 'ASSIGNED', 'REOPENED'],
    to: 'ASSIGNED',
    actor: 'HANDLER_OR_DISPATCHER',
    guard: (_facts, input) => {
      if (!input.assigneeStaffId) throw new InvalidInputError('assigneeStaffId', '请指定承办人');
    },
  },
  { action: 'START', from: ['ASSIGNED', 'REOPENED'], to: 'IN_PROGRESS', actor: 'HANDLER' },
  {
    action: 'RESOLVE',
    from: ['IN_PROGRESS', 'ESCALATED'],
    to: 'RESOLVED',
    actor: 'HANDLER',
    guard: (_facts, input) => requireText('resolutionNote', input.note, '办结须填写办理结果（办结说明）'),
  },
  {
    action: 'GIVE_FEEDBACK',
    from: ['RESOLVED'],
    to: 'FEEDBACK_GIVEN',
    actor: 'HANDLER',
    guard: (_facts, input) => {
      requireText('method', input.feedbackMethod, '请填写反馈方式（电话、上门、短信等）');
      if (!input.feedbackAt) throw new InvalidInputError('givenAt', '请填写反馈时间');
    },
  },
  {
    action: 'CLOSE',
    from: ['FEEDBACK_GIVEN'],
    to: 'CLOSED',
    actor: 'HANDLER',
    guard: (facts) => {
      if (!facts.feedbackMethod || !facts.feedbackAt)
        throw new ConflictError('结案前须记录向居民反馈的方式和时间', { status: facts.status });
    },
  },
  {
    action: 'ESCALATE',
    from: ['ASSIGNED', 'IN_PROGRESS'],
    to: 'ESCALATED',
    actor: 'HANDLER',
    guard: (_facts, input) => {
      if (!input.escalationLevel) throw new InvalidInputError('level', '请选择上报层级（街道或区）');
      requireText('reason', input.reason, '请填写上报原因');
    },
  },
  {
    action: 'ACKNOWLEDGE_ESCALATION',
    from: ['ESCALATED'],
    to: 'ESCALATED',
    actor: 'PLATFORM',
    guard: (facts) => {
      if (facts.escalationAcknowledgedAt) throw new ConflictError('上级平台已签收该事项', { status: facts.status });
    },
  },
  {
    action: 'RETURN_ESCALATION',
    from: ['ESCALATED'],
    to: 'IN_PROGRESS',
    actor: 'PLATFORM',
    guard: (_facts, input) => requireText('reason', input.reason, '退回须说明理由'),
  },
  {
    action: 'REJECT',
    from: OPEN_STATES,
    to: 'REJECTED',
    actor: 'HANDLER_OR_DISPATCHER',
    guard: (_facts, input) => requireText('reason', input.reason, '不予受理须说明理由'),
  },
  {
    action: 'MARK_DUPLICATE',
    from: OPEN_STATES,
    to: 'DUPLICATE',
    actor: 'HANDLER_OR_DISPATCHER',
    guard: (facts, input) => {
      requireText('reason', input.reason, '标记重复须说明理由');
      if (!input.duplicateOfCaseId) throw new InvalidInputError('duplicateOfCaseId', '请指明与哪一事项重复');
      if (input.duplicateOfCaseId === facts.id) throw new InvalidInputError('duplicateOfCaseId', '事项不能与自身重复');
    },
  },
  {
    action: 'REOPEN',
    from: ['RESOLVED', 'FEEDBACK_GIVEN', 'CLOSED'],
    to: 'REOPENED',
    actor: 'HANDLER_OR_DISPATCHER',
    guard: (_facts, input) => requireText('reason', input.reason, '重新办理须说明理由'),
  },
];

/** Whether `actor` may move this case: the assignee or a member of the handling department (dispatcher for some steps). */
function actorAllowed(rule: ActorRule, facts: CaseFacts, actor: WorkflowActor): boolean {
  if (rule === 'PLATFORM') return actor.kind === 'platform';
  if (actor.kind !== 'staff') return false;
  const handler =
    actor.staffId === facts.assigneeStaffId || (actor.department !== null && actor.department === facts.department);
  return handler || (rule === 'HANDLER_OR_DISPATCHER' && actor.dispatcher);
}

/**
 * Checks a step against the table and returns the status the case moves to. Order: is the step allowed from
 * the current state (CONFLICT naming it) → may this actor take it (FORBIDDEN) → the step's own requirement.
 */
export function planTransition(
  facts: CaseFacts,
  action: CaseAction,
  actor: WorkflowActor,
  input: StepInput = {},
): CaseStatus {
  const transition = CASE_TRANSITIONS.find((t) => t.action === action && t.from.includes(facts.status));
  if (!transition) {
    throw new ConflictError(`事项当前状态为「${CaseStatuses.labels[facts.status]}」，不能${actionLabel(action)}`, {
      status: facts.status,
      action,
    });
  }
  if (!actorAllowed(transition.actor, facts, actor)) {
    throw new ForbiddenError(
      transition.actor === 'PLATFORM' ? 'cases:escalation' : 'cases:write',
      transition.actor === 'PLATFORM' ? '只有区级平台可以签收或退回上报事项' : '只有承办人或承办部门可以办理该事项',
    );
  }
  transition.guard?.(facts, input);
  return typeof transition.to === 'function' ? transition.to(facts) : transition.to;
}

/** Actions allowed from a status (for the UI and tests). */
export function actionsFrom(status: CaseStatus): CaseAction[] {
  return CASE_TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.action);
}

const ACTION_LABELS: Partial<Record<CaseAction, string>> = {
  ASSIGN: '分派',
  START: '开始办理',
  RESOLVE: '办结',
  GIVE_FEEDBACK: '反馈',
  CLOSE: '结案',
  ESCALATE: '上报',
  ACKNOWLEDGE_ESCALATION: '签收',
  RETURN_ESCALATION: '退回',
  REJECT: '不予受理',
  MARK_DUPLICATE: '标记重复',
  REOPEN: '重新办理',
};
function actionLabel(action: CaseAction): string {
  return ACTION_LABELS[action] ?? action;
}

/** Statuses in which a case is finished (no time limit runs). */
export const FINISHED_STATUSES: readonly CaseStatus[] = [
  'RESOLVED',
  'FEEDBACK_GIVEN',
  'CLOSED',
  'REJECTED',
  'DUPLICATE',
];
