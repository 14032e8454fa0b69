import { ageOn, vocabulary, type CodeOf } from '@shequ/contracts';

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
