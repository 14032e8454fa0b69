import { addDays, isoDate, type ProactiveRule } from './rule.js';

export interface FloatingVerifySettings {
  dueInDays: number;
}

/** 新登记流动人口 → verify on the spot (核实居住情况) within a week. */
export const floatingResidentVerify: ProactiveRule<FloatingVerifySettings> = {
  code: 'FLOATING_RESIDENT_VERIFY',
  description: '新登记的流动人口，须上门核实居住情况',
  settings: { dueInDays: 7 },
  evaluate(fact, now, settings) {
    if (fact.kind !== 'RESIDENT_REGISTERED' || fact.residenceType !== 'FLOATING') return null;
    return {
      rule: this.code,
      residentId: fact.residentId,
      gridId: fact.gridId,
      dueOn: isoDate(addDays(now, settings.dueInDays)),
      key: 'registration',
      reason: '新登记流动人口待核实',
    };
  },
};
