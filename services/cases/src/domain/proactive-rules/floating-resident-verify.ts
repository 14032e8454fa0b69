import { addDays, communityDay } from '@shequ/contracts';
import { type ProactiveRule } from './rule.js';

export interface FloatingVerifySettings {
  dueInDays: number;
}

/**
 * 新登记流动人口, or a resident who becomes 流动人口 later (resident.updated) → verify on the spot (核实居住情况)
 * within a week. A newly registered one is keyed `registration`; a change to floating `floating-since:<day>`, so a
 * redelivered change opens nothing new. A resident who turns back to 户籍 no longer needs the check.
 */
export const floatingResidentVerify: ProactiveRule<FloatingVerifySettings> = {
  code: 'FLOATING_RESIDENT_VERIFY',
  description: '新登记或转为流动人口的居民，须上门核实居住情况',
  reveals: null,
  settings: { dueInDays: 7 },
  evaluate(fact, now, settings) {
    const draft = {
      rule: this.code,
      residentId: fact.residentId,
      dueOn: addDays(communityDay(now), settings.dueInDays),
    };
    if (fact.kind === 'RESIDENT_REGISTERED' && fact.residenceType === 'FLOATING') {
      return { ...draft, gridId: fact.gridId, key: 'registration', reason: '新登记流动人口待核实' };
    }
    if (fact.kind === 'RESIDENCE_TYPE_CHANGED' && fact.to === 'FLOATING' && fact.from !== 'FLOATING') {
      return { ...draft, gridId: fact.gridId, key: `floating-since:${fact.on}`, reason: '居民转为流动人口待核实' };
    }
    return null;
  },
  settles(fact) {
    return fact.kind === 'RESIDENCE_TYPE_CHANGED' && fact.to !== 'FLOATING';
  },
};
