import type { EvaluationGrade } from '@shequ/contracts';
import { ConflictError, InvalidInputError } from '@shequ/errors';

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

/**
 * 经查不实: a rating found untrue after the fact is invalidated by the community with a reason (at least a few
 * words); it is kept, marked invalid with that reason, and no longer counts in the appraisal. Only a valid rating can
 * be invalidated (an invalid one already does not count).
 */
export function invalidation(
  current: { valid: boolean; invalidReason: string | null },
  reason: string | null | undefined,
): { valid: false; invalidReason: string } {
  const why = reason?.trim() ?? '';
  if (why.length < 4) throw new InvalidInputError('reason', '请写明经查不实的情况（至少 4 个字），作为作废评议的理由');
  if (why.length > 180) throw new InvalidInputError('reason', '作废理由不能超过 180 个字');
  if (!current.valid)
    throw new ConflictError(`该评议已无效（${current.invalidReason ?? '原因未记'}），无需作废`, { status: 'INVALID' });
  return { valid: false, invalidReason: `经查不实：${why}` };
}
