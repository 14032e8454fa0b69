import { addMonths, ageOn, SENSITIVE_CARE_CATEGORIES, type CareCategory } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';

/**
 * Months between reviews per care category (动态管理): 低保 every six months, 重点人员 and 独居老人 quarterly,
 * 特困 and 残疾 yearly; categories without periodic review (退役军人, 离退休干部) have none. 高龄 is derived
 * from the birth date and never reviewed or stored.
 */
export const REVIEW_INTERVAL_MONTHS: Record<CareCategory, number | null> = {
  MINIMUM_LIVING_ALLOWANCE: 6,
  EXTREME_POVERTY: 12,
  DISABILITY: 12,
  ELDERLY_LIVING_ALONE: 3,
  ADVANCED_AGE: null,
  VETERAN: null,
  RETIRED_CADRE: null,
  UNEMPLOYED: 6,
  LEFT_BEHIND_CHILD: 6,
  MIGRANT_WORKER_CHILD: 12,
  KEY_PERSON: 3,
};

export const ADVANCED_AGE_YEARS = 80;

/** Categories visible only with `sensitiveTags` access (one list for every service: libs/contracts). */
export const SENSITIVE_CATEGORIES: readonly CareCategory[] = SENSITIVE_CARE_CATEGORIES;

/** The next review after a start or a review on `from`, or null for categories without periodic review. */
export function nextReviewDate(category: CareCategory, from: string): string | null {
  const months = REVIEW_INTERVAL_MONTHS[category];
  return months === null ? null : addMonths(from, months);
}

/** 高龄 is derived: reject attempts to add it by hand. */
export function assertAddable(category: CareCategory): void {
  if (category === 'ADVANCED_AGE')
    throw new InvalidInputError('category', '高龄老人由出生日期自动认定（80 周岁及以上），不能手工添加');
}

/**
 * A care record starts on or after the resident's birth (a 留守儿童 record from before the child was born is a wrong
 * date). The birth date is never named: grid workers add care categories without reading it, and a refusal naming it
 * (or two refusals worded differently) would give digits 7–14 of the ID number. The caller records the use of the
 * birth date in the resident's trail (`usedByRule`), passed or refused.
 */
export function checkCareStart(startedOn: string, birthDate: string | null): void {
  if (birthDate && startedOn < birthDate)
    throw new InvalidInputError('startedOn', `关爱对象起始日期不能早于该居民的出生日期，收到 ${startedOn}`);
}

/** Whether someone born on `birthDate` is 高龄 (80+) on `today`. */
export function isAdvancedAge(birthDate: string | null, today: string): boolean {
  return birthDate !== null && ageOn(birthDate, today) >= ADVANCED_AGE_YEARS;
}

/** Review outcome → what happens to the record. */
export function reviewResult(
  category: CareCategory,
  outcome: 'CONTINUE' | 'ADJUST' | 'TERMINATE',
  reviewedOn: string,
  requestedNext?: string | null,
): { ends: boolean; nextReviewOn: string | null } {
  if (outcome === 'TERMINATE') return { ends: true, nextReviewOn: null };
  if (requestedNext && requestedNext <= reviewedOn)
    throw new InvalidInputError('nextReviewOn', '下次复核日期须晚于本次复核日期');
  return { ends: false, nextReviewOn: requestedNext ?? nextReviewDate(category, reviewedOn) };
}
