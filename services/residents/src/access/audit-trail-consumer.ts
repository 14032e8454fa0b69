import { AUDIT_TRAIL_SERVICE, PiiRead, ServiceNames } from '@shequ/contracts';
import { EventConsumer } from '@shequ/messaging';
import { PiiAuditRecord, auditRecordOf, type ServiceDependencies } from '@shequ/subgraph';

/**
 * Gathers the other services' `audit.pii_read` events into the one audit trail: one compact row per event (a
 * request's reads of one community: the event's `communityId` is the persons'), its id the event's (the inbox and
 * the primary key both keep a redelivery out). Residents' own reads are written by the audit plugin in the request.
 * An event of before 2026-12-06 names no caller community: its `communityId` was the caller's.
 */
export function auditTrailConsumers({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer[] {
  return ServiceNames.filter((source) => source !== AUDIT_TRAIL_SERVICE).map((source) =>
    new EventConsumer({ service: 'residents', source, purpose: 'audit_trail', orm, bus, outbox, logger }).on(
      PiiRead[source],
      async (event, { em }) => {
        if (await em.count(PiiAuditRecord, { id: event.id })) return;
        await em.insert(
          PiiAuditRecord,
          auditRecordOf({
            id: event.id,
            communityId: event.communityId,
            callerCommunityId: event.data.caller.communityId ?? event.communityId,
            service: source,
            operation: event.data.operation,
            requestId: event.data.requestId,
            requestKey: event.id,
            caller: event.data.caller,
            reads: event.data.reads as never,
            readAt: new Date(event.data.readAt),
          }),
        );
      },
    ),
  );
}
