import { addDays, communityDay, type CareCategory } from '@shequ/contracts';
import { daysAfter, type ProactiveRule } from './rule.js';

export interface ElderlyNoContactSettings {
  /** Days without a visit, case or event attendance before a task is opened. */
  days: number;
  categories: readonly CareCategory[];
  /** Days the grid worker has to make the visit. */
  dueInDays: number;
}

/** 独居/空巢老人 no contact for N days (default 30) → a visit task. */
export const elderlyNoContact: ProactiveRule<ElderlyNoContactSettings> = {
  code: 'ELDERLY_NO_CONTACT',
  description: '独居/空巢老人连续 30 天无联系（走访、事项、参加活动），须上门走访',
  reveals: 'CARE_CATEGORY',
  settings: { days: 30, categories: ['ELDERLY_LIVING_ALONE'], dueInDays: 3 },
  evaluate(fact, now, settings) {
    if (fact.kind !== 'RESIDENT_SNAPSHOT' || !fact.active) return null;
    if (!fact.careCategories.some((c) => settings.categories.includes(c))) return null;
    if (daysAfter(fact.lastContactAt, settings.days) > now) return null;
    return {
      rule: this.code,
      residentId: fact.residentId,
      gridId: fact.gridId,
      dueOn: addDays(communityDay(now), settings.dueInDays),
      key: `since-${fact.lastContactAt.toISOString()}`,
      reason: `已 ${settings.days} 天以上无联系`,
    };
  },
  settles(fact, _task, settings) {
    return fact.kind === 'CARE_CATEGORY_ENDED' && settings.categories.includes(fact.category);
  },
};
