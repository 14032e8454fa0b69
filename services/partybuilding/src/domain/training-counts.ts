import { checkCount } from '@shequ/errors';

/**
 * The bounds of the party-building counts entered by hand. `Int` took up to 2,147,483,647: a training session «with
 * two billion participants» went into the year's running total and the plan's progress.
 *
 * - a training session (党校现场教学, 专题党课) reaches at most `MAX_TRAINING_HEADCOUNT` people;
 * - a year's plan recruits at most `MAX_RECRUITMENT_TARGET` new members (a community recruits a handful) and
 *   trains at most `MAX_TRAINING_HEADCOUNT_TARGET` attendances.
 */
export const MAX_TRAINING_HEADCOUNT = 2000;
export const MAX_RECRUITMENT_TARGET = 1000;
export const MAX_TRAINING_HEADCOUNT_TARGET = 100_000;

export function checkTrainingHeadCount(headCount: number): void {
  checkCount('headCount', '参训人数', headCount, { min: 1, max: MAX_TRAINING_HEADCOUNT });
}

export function checkYearPlanTargets(plan: { recruitmentTarget: number; trainingHeadcountTarget: number }): void {
  checkCount('recruitmentTarget', '发展目标', plan.recruitmentTarget, { min: 0, max: MAX_RECRUITMENT_TARGET });
  checkCount('trainingHeadcountTarget', '培训人次目标', plan.trainingHeadcountTarget, {
    min: 0,
    max: MAX_TRAINING_HEADCOUNT_TARGET,
  });
}
