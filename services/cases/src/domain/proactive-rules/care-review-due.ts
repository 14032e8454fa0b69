import { CareCategories, type CareCategory } from '@shequ/contracts';
import type { ProactiveRule } from './rule.js';

export interface CareReviewSettings {
  categories: readonly CareCategory[];
}

/** 关爱对象复核到期 (低保, 特困 …) → a review visit by the due date. */
export const careReviewDue: ProactiveRule<CareReviewSettings> = {
  code: 'CARE_REVIEW_DUE',
  description: '关爱对象（低保、特困、残疾等）复核到期，须入户复核',
  reveals: 'CARE_CATEGORY',
  settings: {
    categories: [
      'MINIMUM_LIVING_ALLOWANCE',
      'EXTREME_POVERTY',
      'DISABILITY',
      'ELDERLY_LIVING_ALONE',
      'LEFT_BEHIND_CHILD',
    ],
  },
  evaluate(fact, _now, settings) {
    if (fact.kind !== 'CARE_REVIEW_DUE' || !settings.categories.includes(fact.category)) return null;
    return {
      rule: this.code,
      residentId: fact.residentId,
      gridId: fact.gridId,
      dueOn: fact.dueOn,
      key: `${fact.category}-${fact.dueOn}`,
      reason: `${CareCategories.labels[fact.category]}复核到期`,
    };
  },
  settles(fact, task) {
    return (
      (fact.kind === 'CARE_CATEGORY_ENDED' || fact.kind === 'CARE_REVIEWED') && task.key.startsWith(`${fact.category}-`)
    );
  },
};
