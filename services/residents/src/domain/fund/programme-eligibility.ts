import { ConflictError, InvalidInputError } from '@shequ/errors';
import { ageOn, ResidentStatuses, type ResidentStatus } from '@shequ/contracts';

export interface EligibilityFacts {
  birthDate: string | null;
  /** The child's own residence type or that of a parent in the household (流动人口). */
  floatingFamily: boolean;
  /** Hardship on record: an open 低保/特困/外来务工人员子女 care category or a hardship statement. */
  hardship: boolean;
  status: string;
}

/** «爱心伴我成长» 助学金: children (under 18 on the application date) of floating residents, in hardship. */
export function assertStudentAidEligible(facts: EligibilityFacts, appliedOn: string): void {
  if (facts.status !== 'ACTIVE') throw new ConflictError('该居民不在册，不能申请助学金', { status: facts.status });
  if (!facts.birthDate || ageOn(facts.birthDate, appliedOn) >= 18)
    throw new ConflictError('助学金资助对象为未满 18 周岁的在读子女', { field: 'residentId' });
  if (!facts.floatingFamily)
    throw new ConflictError('助学金资助对象为外来务工人员（流动人口）子女', { field: 'residentId' });
  if (!facts.hardship) throw new ConflictError('助学金资助对象须为家庭困难的外来务工人员子女', { field: 'residentId' });
}

/**
 * Whoever the fund helps is a resident living here: an application (to a sponsored programme or an outside body)
 * and a disbursement are refused for someone who has moved away or died, naming `residentId`.
 */
export function assertBeneficiaryHere(status: string, what: string): void {
  if (status !== 'ACTIVE')
    throw new ConflictError(`该居民${ResidentStatuses.labels[status as ResidentStatus] ?? '不在册'}，不能${what}`, {
      field: 'residentId',
      status,
    });
}

/**
 * A disbursement helps a resident and, where one is named, the flat the resident lives in: a household other than
 * the resident's own is refused (naming `householdId`), whatever path proposes it.
 */
export function assertOwnHousehold(residentHouseholdId: string | null, householdId: string): void {
  if (householdId !== residentHouseholdId)
    throw new InvalidInputError('householdId', `住户 ${householdId} 不是该居民现住的住户，救助只能记在本人所在住户`);
}

/**
 * What the fund does when its beneficiary leaves (death or move-out): every disbursement not yet paid is withdrawn
 * and every application still awaiting its result is closed as not awarded, with this reason — the fund helps
 * residents living here; help for the family of someone who died is a new proposal naming a living member.
 */
export function leavingReason(status: string): string {
  return status === 'DECEASED' ? '受助居民已死亡' : '受助居民已迁出本社区';
}
