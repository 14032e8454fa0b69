import { careReviewDue } from './care-review-due.js';
import { elderlyNoContact } from './elderly-no-contact.js';
import { floatingResidentVerify } from './floating-resident-verify.js';
import type { ProactiveFact, ProactiveRule, TaskDraft } from './rule.js';

export type { ProactiveFact, ProactiveRule, TaskDraft } from './rule.js';

/** The active rules. A new rule is one file exporting a ProactiveRule, listed here. */
export const PROACTIVE_RULES: readonly ProactiveRule<any>[] = [elderlyNoContact, careReviewDue, floatingResidentVerify];

/** Runs every rule on one fact: the tasks they ask for. */
export function evaluateRules(fact: ProactiveFact, now: Date, rules: readonly ProactiveRule<any>[] = PROACTIVE_RULES): TaskDraft[] {
  return rules.map((rule) => rule.evaluate(fact, now, rule.settings)).filter((draft): draft is TaskDraft => draft !== null);
}
