import { careReviewDue } from './care-review-due.js';
import { elderlyNoContact } from './elderly-no-contact.js';
import { floatingPermitExpiring } from './floating-permit-expiring.js';
import { floatingResidentVerify } from './floating-resident-verify.js';
import type { ProactiveFact, ProactiveRule, TaskDraft } from './rule.js';

export type { ProactiveFact, ProactiveRule, TaskDraft } from './rule.js';

// Each rule has its own settings type; the list holds them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProactiveRule = ProactiveRule<any>;

/** The active rules. A new rule is one file exporting a ProactiveRule, listed here. */
export const PROACTIVE_RULES: readonly AnyProactiveRule[] = [
  elderlyNoContact,
  careReviewDue,
  floatingResidentVerify,
  floatingPermitExpiring,
];

/** Runs every rule on one fact: the tasks they ask for. */
export function evaluateRules(
  fact: ProactiveFact,
  now: Date,
  rules: readonly AnyProactiveRule[] = PROACTIVE_RULES,
): TaskDraft[] {
  return rules
    .map((rule) => rule.evaluate(fact, now, rule.settings))
    .filter((draft): draft is TaskDraft => draft !== null);
}

/** Whether any rule says this fact settles an open task (rule code and its key). */
export function settledBy(
  fact: ProactiveFact,
  task: { rule: string; key: string },
  rules: readonly AnyProactiveRule[] = PROACTIVE_RULES,
): boolean {
  const rule = rules.find((r) => r.code === task.rule);
  return !!rule?.settles?.(fact, task, rule.settings);
}

/** Rule codes whose tasks the caller may see: care-derived ones only with the right to see care categories. */
export function visibleTaskRules(seesCare: boolean, rules: readonly AnyProactiveRule[] = PROACTIVE_RULES): string[] {
  return rules.filter((rule) => rule.reveals !== 'CARE_CATEGORY' || seesCare).map((rule) => rule.code);
}
