import { FundDisbursementStatuses, type FundDisbursementStatus } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';

export type DisbursementStep = 'APPROVE' | 'PUBLISH' | 'CHALLENGE' | 'DISMISS_CHALLENGE' | 'PAY' | 'WITHDRAW';

const STEP_LABELS: Record<DisbursementStep, string> = {
  APPROVE: '两委审批',
  PUBLISH: '公示',
  CHALLENGE: '提出公示异议',
  DISMISS_CHALLENGE: '驳回异议、重新公示',
  PAY: '发放',
  WITHDRAW: '撤回',
};

/**
 * The one table of the disbursement workflow: 提议 → 两委审批 → 公示 → 发放. During 公示 an objection puts it on
 * hold (CHALLENGED) until the committee upholds it (withdrawn) or dismisses it (published again, a new period).
 * Anything not yet paid can be withdrawn; PAID and WITHDRAWN are final (a paid amount is corrected in the ledger).
 */
const TRANSITIONS: Record<DisbursementStep, Partial<Record<FundDisbursementStatus, FundDisbursementStatus>>> = {
  APPROVE: { PROPOSED: 'APPROVED' },
  PUBLISH: { APPROVED: 'PUBLISHED' },
  CHALLENGE: { PUBLISHED: 'CHALLENGED' },
  DISMISS_CHALLENGE: { CHALLENGED: 'PUBLISHED' },
  PAY: { PUBLISHED: 'PAID' },
  WITHDRAW: { PROPOSED: 'WITHDRAWN', APPROVED: 'WITHDRAWN', PUBLISHED: 'WITHDRAWN', CHALLENGED: 'WITHDRAWN' },
};

/** The status after `step`, or a ConflictError naming the current status in Chinese. */
export function disbursementTransition(status: FundDisbursementStatus, step: DisbursementStep): FundDisbursementStatus {
  const next = TRANSITIONS[step][status];
  if (!next)
    throw new ConflictError(`该救助当前为「${FundDisbursementStatuses.labels[status]}」，不能${STEP_LABELS[step]}`, {
      status,
    });
  return next;
}

/**
 * The approvers of a 两委 decision: at least two people, each named once (at most 20 characters, without the list's
 * separator «、»). A name listed twice is one approver: «林书记, 林书记» did pass as the two the decision needs.
 */
export function checkApprovers(raw: readonly string[]): string[] {
  const approvers = raw.map((a) => a.trim()).filter(Boolean);
  if (approvers.some((a) => a.length > 20)) throw new InvalidInputError('approvers', '审批人姓名不能超过 20 个字');
  if (approvers.some((a) => a.includes('、')))
    throw new InvalidInputError('approvers', '每位审批人单独列出（姓名中不能含「、」）');
  const repeated = approvers.find((a, i) => approvers.indexOf(a) !== i);
  if (repeated) throw new InvalidInputError('approvers', `审批人「${repeated}」重复列出：每位审批人只列一次`);
  if (approvers.length < 2) throw new InvalidInputError('approvers', '两委决定须至少列明两名参会审批人');
  return approvers;
}
