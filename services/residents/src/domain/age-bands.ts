import { ageOn, vocabulary, type CodeOf } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';

/** 年龄段 for statistics. */
export const AgeBands = vocabulary({
  AGE_0_6: '0–6 岁（学龄前）',
  AGE_7_17: '7–17 岁（学龄）',
  AGE_18_34: '18–34 岁',
  AGE_35_59: '35–59 岁',
  AGE_60_79: '60–79 岁',
  AGE_80_PLUS: '80 岁及以上（高龄）',
});
export type AgeBand = CodeOf<typeof AgeBands>;

const LOWER_BOUNDS: Array<[number, AgeBand]> = [
  [80, 'AGE_80_PLUS'],
  [60, 'AGE_60_79'],
  [35, 'AGE_35_59'],
  [18, 'AGE_18_34'],
  [7, 'AGE_7_17'],
  [0, 'AGE_0_6'],
];

export function ageBand(birthDate: string | null, today: string): AgeBand | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, today);
  return LOWER_BOUNDS.find(([min]) => age >= min)?.[1] ?? 'AGE_0_6';
}

/**
 * Checks an age filter (`minAge`/`maxAge` of resident lists and statistics): each an integer 0–150, and the lower
 * bound not above the upper one (an empty range is a caller's mistake, not a count of nobody).
 */
export function checkAgeRange(minAge: number | null | undefined, maxAge: number | null | undefined): void {
  for (const [field, value] of [
    ['minAge', minAge],
    ['maxAge', maxAge],
  ] as const) {
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 0 || value > 150))
      throw new InvalidInputError(field, '年龄须为 0–150 的整数');
  }
  if (minAge != null && maxAge != null && minAge > maxAge)
    throw new InvalidInputError('maxAge', `最大年龄（${maxAge}）不能小于最小年龄（${minAge}）`);
}
