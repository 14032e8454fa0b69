import { SUBJECT_PREFIX, ServiceNames, type ServiceName } from '../envelope.js';
import { AUDIT_TRAIL_SERVICE } from '../events/audit.js';

/** A durable JetStream consumer some service runs: it reads `shequ.<source>.>` in order. */
export interface EventConsumerDeclaration {
  service: ServiceName;
  source: ServiceName;
  /** A second reader of the same source in one service (durable `<service>__<purpose>__<source>`). */
  purpose?: string;
}

/**
 * Who reads whose events: the NATS permissions of each service are generated from this table, so a service
 * may create and pull only these durable consumers. `EventConsumer` refuses to start one that is not listed.
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

export function durableNameOf(consumer: EventConsumerDeclaration): string {
  return consumer.purpose
    ? `${consumer.service}__${consumer.purpose}__${consumer.source}`
    : `${consumer.service}__${consumer.source}`;
}

export function isDeclaredConsumer(consumer: EventConsumerDeclaration): boolean {
  return EVENT_CONSUMERS.some((c) => durableNameOf(c) === durableNameOf(consumer));
}

/** `shequ.<source>.`: the only subjects whose events may claim `source` in their envelope. */
export function subjectPrefixOf(source: ServiceName): string {
  return `${SUBJECT_PREFIX}.${source}.`;
}
