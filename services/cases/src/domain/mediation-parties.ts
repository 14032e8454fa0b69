import { InvalidInputError } from '@shequ/errors';

export interface MediationPartyInput {
  residentId?: string | null;
  description?: string | null;
}

/**
 * The parties of a 调解: at least two, each a resident or described in words (an outsider), and no resident listed
 * twice — a dispute is between different people, and one resident named as both sides made a «two-party» mediation
 * of one person. Refusals name the field (`parties`, or the repeated party's `parties.<i>.residentId`).
 */
export function checkMediationParties(parties: readonly MediationPartyInput[]): void {
  if (parties.length < 2) throw new InvalidInputError('parties', '调解至少需要两方当事人');
  if (parties.some((p) => !p.residentId && !(p.description && p.description.trim())))
    throw new InvalidInputError('parties', '每一方当事人须为居民或有文字说明');
  checkNoResidentTwice(parties);
}

/** No resident listed as two parties of one mediation. */
export function checkNoResidentTwice(parties: readonly MediationPartyInput[]): void {
  const seen = new Map<string, number>();
  parties.forEach((p, i) => {
    if (!p.residentId) return;
    const first = seen.get(p.residentId);
    if (first !== undefined)
      throw new InvalidInputError(
        `parties.${i}.residentId`,
        `居民 ${p.residentId} 已列为第 ${first + 1} 方当事人：同一居民不能列为两方`,
      );
    seen.set(p.residentId, i);
  });
}
