import type { EntityManager } from '@mikro-orm/core';
import {
  ApiKeyRevoked,
  AUDIT_TRAIL_SERVICE,
  PiiRead,
  ServiceNames,
  type EventEnvelope,
  type ServiceName,
} from '@shequ/contracts';
import { executePlain, newId } from '@shequ/database';
import { EventConsumer, type EventSink } from '@shequ/messaging';
import { auditRecordOf } from '../access/audit-plugin.js';
import type { ServiceDependencies } from '../subgraph-service.js';
import { WEBHOOK_EVENTS, scopesAllowWebhookEvent } from './webhook-event-types.js';
import { WebhookDelivery, WebhookSubscription } from './webhook-entities.js';
import {
  webhookDataFor,
  webhookPersonalReads,
  type WebhookPersonalRead,
  type WebhookWithholding,
} from './webhook-disclosure.js';
import { disableExpired, keyHasExpired } from './webhook-key-expiry.js';

/** The webhook feed's purpose: `<service>__webhooks__<source>`, one per publishing service. */
export const WEBHOOK_CONSUMER_PURPOSE = 'webhooks';

/**
 * The body a platform receives: the envelope without what is internal to the graph (the actor's id, correlation
 * and trace ids, the NATS subject), with `data` as the key may see it (`webhookDataFor`: the graph's field policy
 * for the key). The event type itself is delivered only to keys whose scopes read it.
 */
export function webhookBody(event: EventEnvelope, data: unknown = event.data): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    version: event.version,
    source: event.source,
    communityId: event.communityId,
    occurredAt: event.occurredAt,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    data,
  });
}

/**
 * One delivery row per approved subscription of the event's community that asked for its type and whose key's
 * scopes read it, in the consumer's transaction (so an event is owed exactly once per subscription, also after a
 * redelivery: the inbox and the unique (subscription, event) key).
 */
export async function enqueueWebhookDeliveries(
  em: EntityManager,
  event: EventEnvelope,
  now: Date,
  withheld?: WebhookWithholding,
  /** Where the unmasked personal data a delivery carries is audited (`webhookConsumers` passes its service's). */
  audit?: WebhookAudit,
): Promise<number> {
  // most communities have no webhook: one plain, prepared look-up decides before any entity is loaded
  const any = await executePlain<unknown>(
    em,
    "select 1 from webhook_subscription where community_id = ? and status = 'ACTIVE' limit 1",
    [event.communityId],
  );
  if (any.length === 0) return 0;
  const subscriptions = await em.find(WebhookSubscription, { communityId: event.communityId, status: 'ACTIVE' });
  // a key that has expired since takes its webhooks with it (as a revoked key's)
  for (const subscription of subscriptions) if (keyHasExpired(subscription, now)) disableExpired(subscription, now);
  const owed = subscriptions.filter(
    (s) => s.status === 'ACTIVE' && s.eventTypes.includes(event.type) && scopesAllowWebhookEvent(s.scopes, event.type),
  );
  if (owed.length === 0) return 0;
  let sent = 0;
  for (const subscription of owed) {
    // what this key may see of it: nothing at all (not sent), or the payload under the graph's field policy
    const data = webhookDataFor(event, subscription.scopes, withheld);
    if (data === null) continue;
    const body = webhookBody(event, data);
    sent += 1;
    const delivery = em.create(WebhookDelivery, {
      id: newId(),
      communityId: event.communityId,
      subscriptionId: subscription.id,
      eventId: event.id,
      eventType: event.type,
      body,
      createdAt: now,
      nextAttemptAt: now,
    });
    em.persist(delivery);
    const reads = webhookPersonalReads(event, data, subscription.scopes, withheld);
    if (reads.length > 0 && audit) auditWebhookDelivery(em, audit, event, subscription, delivery.id, reads, now);
  }
  return sent;
}

/** The service running a webhook feed and its consumer transaction's event sink: where a delivery's reads go. */
export interface WebhookAudit {
  service: ServiceName;
  events: EventSink;
}

/**
 * A delivery giving a key a person's data unmasked is a read by that key, as the graph's (a key's query of the same
 * birth date is audited): recorded when the delivery is owed, in the consumer's transaction, in the trail of the
 * person's community (the event's) — a row written by the trail keeper (`AUDIT_TRAIL_SERVICE`), an
 * `audit.pii_read` from the others — with the key as the machine caller, the operation `webhook <type>` and the
 * delivery's id as the request.
 */
function auditWebhookDelivery(
  em: EntityManager,
  audit: WebhookAudit,
  event: EventEnvelope,
  subscription: WebhookSubscription,
  deliveryId: string,
  reads: WebhookPersonalRead[],
  now: Date,
): void {
  const caller = {
    kind: 'machine' as const,
    id: subscription.apiKeyId,
    roles: ['district_platform'],
    department: null,
  };
  const subjects = reads.map((r) => ({ subjectType: 'Resident' as const, subjectId: r.residentId, fields: r.fields }));
  const operation = `webhook ${event.type}`;
  if (audit.service === AUDIT_TRAIL_SERVICE) {
    em.persist(
      auditRecordOf({
        id: newId(),
        communityId: event.communityId,
        callerCommunityId: subscription.communityId,
        service: audit.service,
        operation,
        requestId: deliveryId,
        requestKey: deliveryId,
        caller,
        reads: subjects,
        readAt: now,
      }),
    );
    return;
  }
  audit.events.record(
    PiiRead[audit.service],
    {
      operation,
      requestId: deliveryId,
      caller: { ...caller, communityId: subscription.communityId },
      reads: subjects,
      readAt: now.toISOString(),
    },
    { communityId: event.communityId },
  );
}

/** A revoked key's webhooks stop with it: disabled, so nothing owed to them is sent any more. */
export async function disableWebhooksOfKey(em: EntityManager, apiKeyId: string, now: Date): Promise<void> {
  const subscriptions = await em.find(WebhookSubscription, { apiKeyId, status: { $ne: 'DISABLED' } });
  for (const subscription of subscriptions) {
    subscription.status = 'DISABLED';
    subscription.disabledAt = now;
  }
}

/**
 * The purposes feeding a service's webhooks (`<service>__webhooks__<source>` for every publishing service, declared in
 * EVENT_CONSUMERS, each read through the service's durable of that source with its other purposes): each event a
 * platform may receive becomes delivery rows; the dispatcher sends them. The key registry's revocations disable the
 * key's webhooks.
 */
export function webhookConsumers(
  service: ServiceName,
  deps: ServiceDependencies,
  withheld?: WebhookWithholding,
): EventConsumer[] {
  return ServiceNames.map((source) => {
    const consumer = new EventConsumer({
      service,
      source,
      purpose: WEBHOOK_CONSUMER_PURPOSE,
      // nothing is owed for events before the feed existed: a first start does not work through the stream's history
      startAt: 'new',
      orm: deps.orm,
      bus: deps.bus,
      outbox: deps.outbox,
      logger: deps.logger,
    });
    for (const definition of WEBHOOK_EVENTS.filter((event) => event.source === source))
      consumer.on(definition, async (event, { em, events }) => {
        // real time, as the dispatcher's schedule (a test's manual clock moves what the service sees, not timers)
        await enqueueWebhookDeliveries(em, event, new Date(), withheld, { service, events });
      });
    if (source === ApiKeyRevoked.source)
      consumer.on(ApiKeyRevoked, (event, { em }) =>
        disableWebhooksOfKey(em, event.data.keyId, new Date(event.occurredAt)),
      );
    return consumer;
  });
}
