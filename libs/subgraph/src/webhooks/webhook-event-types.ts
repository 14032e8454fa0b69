import { eventCatalogue, type EventDefinition } from '@shequ/contracts';
import type { Permission } from '@shequ/auth';

/**
 * The events a district platform may receive by webhook: the catalogue without audit entries and the API-key
 * registry (the same aggregates the platform's NATS user may read), named by the envelope's `type`.
 */
export const WEBHOOK_EVENTS: readonly EventDefinition[] = eventCatalogue.filter(
  (event) => event.aggregate !== 'audit' && event.aggregate !== 'api_key',
);

const byType = new Map(WEBHOOK_EVENTS.map((event) => [event.type, event]));

export function webhookEvent(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/** Residents' aggregates that need more than `residents:read`: the same scopes as reading them in the graph. */
const RESIDENTS_AGGREGATE_SCOPES: Record<string, Permission> = {
  care_category: 'care:read',
  floating: 'floating:read',
  fund_donation: 'fund:read',
  fund_disbursement: 'fund:read',
  staff: 'organizations:read',
  organization: 'organizations:read',
};

const SOURCE_SCOPES: Record<EventDefinition['source'], Permission> = {
  residents: 'residents:read',
  cases: 'cases:read',
  partybuilding: 'party:read',
  events: 'events:read',
};

/** The scope an API key needs to receive an event type by webhook (the scope that reads its records). */
export function scopeForWebhookEvent(event: EventDefinition): Permission {
  if (event.source === 'residents') return RESIDENTS_AGGREGATE_SCOPES[event.aggregate] ?? 'residents:read';
  return SOURCE_SCOPES[event.source];
}

/** Whether a key with these scopes may receive this event type. */
export function scopesAllowWebhookEvent(scopes: readonly string[], type: string): boolean {
  const event = webhookEvent(type);
  return !!event && scopes.includes(scopeForWebhookEvent(event));
}
