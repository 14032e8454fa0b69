import type { WebhookWithholding } from '@shequ/subgraph';
import { revealsCare } from '../domain/category-policy.js';
import { visibleTaskRules } from '../domain/proactive-rules/index.js';

/** Fields of `case.opened` that connect a person to the case (its reporter and the residents concerned). */
const CASE_PERSON_FIELDS: readonly string[] = ['reporterId', 'residentIds'];

/**
 * Cases' own rule for what a platform's webhook may not receive, as the graph gives it to the same key:
 * - a proactive task's events whose rule exists only because of a care category (独居老人无联系, 关爱对象复核到期) go
 *   only to keys that see care categories, as the graph's `proactiveTasks` shows such tasks only to them (a rule
 *   code not known here is withheld too);
 * - a case opened in a category that tells a person's care situation (救助申请, `revealsCare`) names its reporter
 *   and residents only to keys that see care categories (`null` to the others), as the graph's `Case.reporter`.
 */
export const casesWebhookWithholding: WebhookWithholding = (event, key) => {
  if (event.type.startsWith('proactive_task.'))
    return !visibleTaskRules(key.seesCare()).includes(String((event.data as { rule?: unknown }).rule));
  if (event.type === 'case.opened' && !key.seesCare())
    return revealsCare(String((event.data as { category?: unknown }).category)) ? CASE_PERSON_FIELDS : false;
  return false;
};
