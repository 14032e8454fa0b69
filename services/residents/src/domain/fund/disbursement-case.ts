import { InvalidInputError } from '@shequ/errors';
import type { CaseCategory, Department } from '@shequ/contracts';

/**
 * The case a disbursement answers, as the cases service announced it (`case.opened` / `case.closed`, kept in
 * `case_projection`).
 */
export interface DisbursementCaseFacts {
  category: string;
  /** 承办部门 from `case.opened`; null only for a row projected before the department was kept. */
  department: string | null;
  /** OPEN, or the final status of a closed case (CLOSED, REJECTED, DUPLICATE). */
  status: string;
}

/** The only case a disbursement may name: a 救助申请 handled by 保障站 (社会保障与民政). */
export const DISBURSEMENT_CASE_CATEGORY: CaseCategory = 'ASSISTANCE_APPLICATION';
export const DISBURSEMENT_CASE_DEPARTMENT: Department = 'SOCIAL_SECURITY';

/**
 * The refusal of a case that is not one a disbursement may name, or not known here (not yet synced, or of another
 * community): one message for all, naming `caseId`, retryable (a case opened a moment ago may not have arrived).
 */
export function unknownDisbursementCase(caseId: string): InvalidInputError {
  return new InvalidInputError(
    'caseId',
    `事项 ${caseId} 不是本社区保障站受理的救助申请，或尚未同步到居民服务：救助只能关联保障站（社会保障与民政）的救助申请（caseId），请核实后稍后重试`,
  );
}

/** Final statuses that say the application was never a matter to help on: 不予受理, 重复事项. */
const DEAD_ENDS: Readonly<Record<string, string>> = { REJECTED: '不予受理', DUPLICATE: '重复事项' };

/**
 * A disbursement (救助金, paid by 保障站 out of the 阳光爱心基金 after 两委 approval) answers the resident's request
 * for help: the case it names must be a 救助申请 handled by 保障站 — the department that proposes and pays it and the
 * only one whose cases the fund's staff read. Another department's case (a 综治 dispute, a housing repair, a
 * certificate) is no ground for relief, and linking it would show that department's case beside the fund. A 救助申请
 * closed as 不予受理 or 重复事项 is no ground either (the matter was refused, or is another case's); one closed
 * after its handling (CLOSED) remains the record the help answers. Refused naming `caseId`, whatever path writes it.
 */
export function assertDisbursementCase(caseId: string, facts: DisbursementCaseFacts): void {
  // another department's case is refused as one not known here: 保障站 does not read other departments' cases, so
  // the refusal must not tell that the id is a case of this community (one message, as for another community's)
  if (facts.category !== DISBURSEMENT_CASE_CATEGORY || facts.department !== DISBURSEMENT_CASE_DEPARTMENT)
    throw unknownDisbursementCase(caseId);
  const deadEnd = DEAD_ENDS[facts.status];
  if (deadEnd) throw new InvalidInputError('caseId', `事项 ${caseId} 已按${deadEnd}结案，不能作为救助的依据（caseId）`);
}
