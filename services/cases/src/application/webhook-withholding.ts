import type { WebhookWithholding } from '@shequ/subgraph';
import { revealsCare } from '../domain/category-policy.js';
import { visibleTaskRules } from '../domain/proactive-rules/index.js';

/**
 * Fields of a case's events that connect a person to the case: `case.opened`'s reporter and residents concerned,
 * `case.escalated`'s reason (a free text about the matter; an event without its category, published before
 * 2026-12-06, counts as of a care-revealing one).
 */
const CASE_PERSON_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'case.opened': ['reporterId', 'residentIds'],
  'case.escalated': ['reason'],
};

/**
 * Cases' own rule for what a platform's webhook may not receive, as the graph gives it to the same key:
 * - a proactive task's events whose rule exists only because of a care category (独居老人无联系, 关爱对象复核到期) go
 *   only to keys that see care categories, as the graph's `proactiveTasks` shows such tasks only to them (a rule
 *   code not known here is withheld too);
 * - a case opened in a category that tells a person's care situation (救助申请, `revealsCare`) names its reporter
 *   and residents, and its escalation the reason, only to keys that see care categories (`null` to the others), as
 *   the graph's `Case.reporter` and `Case.escalationReason`.
 */
export const casesWebhookWithholding: WebhookWithholding = (event, key) => {
  if (event.type.startsWith('proactive_task.'))
    return !visibleTaskRules(key.seesCare()).includes(String((event.data as { rule?: unknown }).rule));
  const withheld = CASE_PERSON_FIELDS[event.type];
  if (withheld && !key.seesCare())
    return revealsCare(String((event.data as { category?: unknown }).category)) ? withheld : false;
  return false;
};
