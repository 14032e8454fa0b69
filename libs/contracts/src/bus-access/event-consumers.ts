import { SUBJECT_PREFIX, ServiceNames, type ServiceName } from '../envelope.js';
import { AUDIT_TRAIL_SERVICE } from '../events/audit.js';

/**
 * A purpose for which some service reads a source's events (`shequ.<source>.>`, in order). Every purpose of one
 * service and source is read through one durable JetStream consumer, `<service>__from__<source>` (`durableNameOf`):
 * each message is fetched, parsed and checked once and offered to every purpose. Each purpose keeps its own name
 * (`purposeNameOf`: `<service>__<source>`, or `<service>__<purpose>__<source>` for a second reader): its inbox rows,
 * version claims and dead letters are kept under it (it was the purpose's own durable before 2026-12-03).
 */
export interface EventConsumerDeclaration {
  service: ServiceName;
  source: ServiceName;
  /** A second reader of the same source in one service (named `<service>__<purpose>__<source>`). */
  purpose?: string;
}

/**
 * Who reads whose events: the NATS permissions of each service are generated from this table, so a service
 * may create and pull only the durable consumers of its sources here. `EventConsumer` refuses a purpose that is
 * not listed.
 */
export const EVENT_CONSUMERS: readonly EventConsumerDeclaration[] = [
  { service: 'cases', source: 'residents' },
  { service: 'cases', source: 'events' },
  // a 组织关系转接 case moves on when its transfer completes
  { service: 'cases', source: 'partybuilding' },
  { service: 'events', source: 'residents' },
  { service: 'partybuilding', source: 'residents' },
  { service: 'partybuilding', source: 'cases' },
  { service: 'partybuilding', source: 'events' },
  // the fund's references: community events and cases a donation or a disbursement names
  { service: 'residents', source: 'events' },
  { service: 'residents', source: 'cases' },
  // the audit trail gathers the other services' audit.pii_read (its keeper writes its own reads directly)
  ...ServiceNames.filter((source) => source !== AUDIT_TRAIL_SERVICE).map((source) => ({
    service: AUDIT_TRAIL_SERVICE,
    source,
    purpose: 'audit_trail',
  })),
  // district platforms' webhooks (libs/subgraph webhooks, registered in cases): every service's events owed to them
  ...ServiceNames.map((source) => ({ service: 'cases' as const, source, purpose: 'webhooks' })),
  // the reference projections (libs/subgraph references): people, places, staff and organisations of residents
  { service: 'cases', source: 'residents', purpose: 'references' },
  { service: 'events', source: 'residents', purpose: 'references' },
  { service: 'partybuilding', source: 'residents', purpose: 'references' },
];

/**
 * A purpose's name: its inbox rows, version claims and dead letters, and the name of the durable consumer it had
 * of its own before one durable per source (`formerDurableNames`).
 */
export function purposeNameOf(consumer: EventConsumerDeclaration): string {
  return consumer.purpose
    ? `${consumer.service}__${consumer.purpose}__${consumer.source}`
    : `${consumer.service}__${consumer.source}`;
}

/** The durable JetStream consumer through which a service reads every purpose of one source. */
export function durableNameOf(consumer: Pick<EventConsumerDeclaration, 'service' | 'source'>): string {
  return `${consumer.service}__from__${consumer.source}`;
}

/** Every durable consumer the services run (one per service and source in `EVENT_CONSUMERS`). */
export function serviceDurableNames(): string[] {
  return [...new Set(EVENT_CONSUMERS.map(durableNameOf))];
}

/**
 * The durables of the per-purpose layout (one per line of `EVENT_CONSUMERS`): a service that finds its own at start
 * moves their positions into its durable per source and deletes them; nobody else may create or read them.
 */
export function formerDurableNames(): string[] {
  return EVENT_CONSUMERS.map(purposeNameOf);
}

export function isDeclaredConsumer(consumer: EventConsumerDeclaration): boolean {
  return EVENT_CONSUMERS.some((c) => purposeNameOf(c) === purposeNameOf(consumer));
}

/** `shequ.<source>.`: the only subjects whose events may claim `source` in their envelope. */
export function subjectPrefixOf(source: ServiceName): string {
  return `${SUBJECT_PREFIX}.${source}.`;
}
