import type { EvaluationGrade } from '@shequ/contracts';

/**
 * 居民评议 rule: 优 and 差 must give a reason. Without one the evaluation is kept but does not count,
 * and says why.
 */
export function evaluationValidity(
  grade: EvaluationGrade,
  reason: string | null | undefined,
): { valid: boolean; invalidReason: string | null } {
  const hasReason = !!reason && reason.trim().length >= 2;
  if ((grade === 'EXCELLENT' || grade === 'POOR') && !hasReason) {
    return {
      valid: false,
      invalidReason: `评议为「${grade === 'EXCELLENT' ? '优' : '差'}」须写明理由，未写理由的评议无效`,
    };
  }
  return { valid: true, invalidReason: null };
}
