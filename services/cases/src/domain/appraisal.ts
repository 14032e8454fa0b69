import { addMonths, startOfCommunityDay, type EvaluationGrade } from '@shequ/contracts';
import { InvalidInputError } from '@shequ/errors';
import type { AppraisalPeriodKind } from './vocabularies.js';
import type { WorkType } from './work-type.js';

/** Points per valid rating grade. */
export const GRADE_POINTS: Readonly<Record<EvaluationGrade, number>> = { EXCELLENT: 100, GOOD: 80, FAIR: 60, POOR: 0 };
/** Weights of the appraisal score: residents' ratings and handling on time. */
export const SCORE_WEIGHTS = { ratings: 0.6, onTime: 0.4 } as const;

export interface AppraisalCase {
  workType: WorkType;
  resolvedAt: Date;
  onTime: boolean;
}

export interface AppraisalRating {
  grade: EvaluationGrade;
  valid: boolean;
}

/** How many cases of a work type were resolved on time (or not). */
export interface AppraisalCaseCount {
  workType: WorkType;
  onTime: boolean;
  count: number;
}

/** How many ratings of a grade were valid (or not). */
export interface AppraisalRatingCount extends AppraisalRating {
  count: number;
}

export interface WorkSummary {
  casesHandled: number;
  onTime: number;
  onTimeRate: number | null;
}

export interface AppraisalFigures {
  total: WorkSummary;
  daily: WorkSummary;
  adHoc: WorkSummary;
  validRatings: Record<EvaluationGrade, number>;
  invalidRatings: number;
  ratingScore: number | null;
  score: number | null;
}

/** The period [from, to) of a quarter (1-4) or a year, in the community's calendar (Asia/Shanghai). */
export function appraisalPeriod(
  kind: AppraisalPeriodKind,
  year: number,
  quarter?: number | null,
): { from: Date; to: Date } {
  if (kind === 'YEAR') return { from: monthStart(year, 0), to: monthStart(year + 1, 0) };
  if (!quarter || quarter < 1 || quarter > 4) throw new InvalidInputError('quarter', '季度考核须指定第几季度（1-4）');
  return { from: monthStart(year, (quarter - 1) * 3), to: monthStart(year, quarter * 3) };
}

/** 00:00 in the community's calendar on the first day of `month` (0-based, may be 12) of `year`. */
function monthStart(year: number, month: number): Date {
  return startOfCommunityDay(addMonths(`${year}-01-01`, month));
}

function summary(cases: readonly AppraisalCaseCount[]): WorkSummary {
  const handled = cases.reduce((n, c) => n + c.count, 0);
  const onTime = cases.reduce((n, c) => n + (c.onTime ? c.count : 0), 0);
  return { casesHandled: handled, onTime, onTimeRate: handled ? round(onTime / handled, 4) : null };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * 考核: cases resolved in the period (daily work and ad-hoc tasks apart), the on-time rate, valid ratings by
 * grade, and a score = 0.6 × mean points of valid ratings + 0.4 × on-time rate × 100 (either part alone when the
 * other has no data; null when neither has).
 */
export function appraise(cases: readonly AppraisalCase[], ratings: readonly AppraisalRating[]): AppraisalFigures {
  return appraiseCounts(
    cases.map((c) => ({ workType: c.workType, onTime: c.onTime, count: 1 })),
    ratings.map((r) => ({ grade: r.grade, valid: r.valid, count: 1 })),
  );
}

/** The same from counts: how many cases of each work type were resolved on time or not, how many ratings of each kind. */
export function appraiseCounts(
  cases: readonly AppraisalCaseCount[],
  ratings: readonly AppraisalRatingCount[],
): AppraisalFigures {
  const validRatings: Record<EvaluationGrade, number> = { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 };
  let invalid = 0;
  let validCount = 0;
  let points = 0;
  for (const rating of ratings) {
    if (!rating.valid) {
      invalid += rating.count;
      continue;
    }
    validRatings[rating.grade] += rating.count;
    validCount += rating.count;
    points += GRADE_POINTS[rating.grade] * rating.count;
  }
  const ratingScore = validCount ? round(points / validCount, 2) : null;
  const total = summary(cases);
  let score: number | null = null;
  if (ratingScore !== null && total.onTimeRate !== null) {
    score = round(SCORE_WEIGHTS.ratings * ratingScore + SCORE_WEIGHTS.onTime * total.onTimeRate * 100, 2);
  } else if (ratingScore !== null) score = ratingScore;
  else if (total.onTimeRate !== null) score = round(total.onTimeRate * 100, 2);
  return {
    total,
    daily: summary(cases.filter((c) => c.workType === 'DAILY')),
    adHoc: summary(cases.filter((c) => c.workType === 'AD_HOC')),
    validRatings,
    invalidRatings: invalid,
    ratingScore,
    score,
  };
}
