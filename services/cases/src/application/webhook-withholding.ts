import type { WebhookWithholding } from '@shequ/subgraph';
import { visibleTaskRules } from '../domain/proactive-rules/index.js';

/**
 * Cases' own rule for what a platform's webhook may not receive: a proactive task's events whose rule exists only
 * because of a care category (独居老人无联系, 关爱对象复核到期) go only to keys that see care categories, as the
 * graph's `proactiveTasks` shows such tasks only to them (a rule code not known here is withheld too).
 */
export const casesWebhookWithholding: WebhookWithholding = (event, key) =>
  event.type.startsWith('proactive_task.') &&
  !visibleTaskRules(key.seesCare()).includes(String((event.data as { rule?: unknown }).rule));
