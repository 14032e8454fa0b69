import { AGGREGATE_SCOPES, eventCatalogue, type EventDefinition } from '@shequ/contracts';
import type { Permission } from '@shequ/auth';

/**
 * The events a district platform may receive by webhook: the catalogue's aggregates in AGGREGATE_SCOPES (no audit
 * entries, no API-key registry: the same aggregates the platform's NATS user may be granted), named by `type`.
 */
export const WEBHOOK_EVENTS: readonly EventDefinition[] = eventCatalogue.filter((event) =>
  Object.hasOwn(AGGREGATE_SCOPES, event.aggregate),
);

const byType = new Map(WEBHOOK_EVENTS.map((event) => [event.type, event]));

export function webhookEvent(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/**
 * The scope an API key needs to receive an event type by webhook (the scope that reads its records): the `read` of
 * its aggregate in libs/contracts' AGGREGATE_SCOPES, the table the platform's NATS user is also granted by (the
 * stream, unable to mask, also needs the aggregate's `personal` scopes; a webhook masks and withholds per key instead:
 * webhook-disclosure.ts).
 */
export function scopeForWebhookEvent(event: EventDefinition): Permission {
  return AGGREGATE_SCOPES[event.aggregate].read as Permission;
}

/** Whether a key with these scopes may receive this event type. */
export function scopesAllowWebhookEvent(scopes: readonly string[], type: string): boolean {
  const event = webhookEvent(type);
  return !!event && scopes.includes(scopeForWebhookEvent(event));
}
