/**
 * Whether a case may be the one a 阳光爱心基金 disbursement answers: a 救助申请 handled by 保障站 (the department that
 * proposes and pays disbursements), not closed as 不予受理 or 重复事项. The residents service refuses any other case
 * when a disbursement is proposed (residents' `assertDisbursementCase`, the same rule over its `case_projection`);
 * here it keeps a disbursement announced before that check, or replayed, from being shown on another department's case.
 */
export function mayAnswerDisbursement(c: { category: string; department: string; status: string }): boolean {
  return (
    c.category === 'ASSISTANCE_APPLICATION' &&
    c.department === 'SOCIAL_SECURITY' &&
    c.status !== 'REJECTED' &&
    c.status !== 'DUPLICATE'
  );
}

/** The case's kind only (category and department, fixed when it opens): what the rule audit holds a link to. */
export function isAssistanceCaseOfSocialSecurity(c: { category: string; department: string }): boolean {
  return c.category === 'ASSISTANCE_APPLICATION' && c.department === 'SOCIAL_SECURITY';
}
