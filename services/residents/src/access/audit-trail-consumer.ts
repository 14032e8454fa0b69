import { PiiRead, ServiceNames } from '@shequ/contracts';
import { newId } from '@shequ/database';
import { EventConsumer } from '@shequ/messaging';
import type { ServiceDependencies } from '@shequ/subgraph';
import { AuditTrailEntry } from './audit-trail-entry.entity.js';

/** Gathers every service's `audit.pii_read` events (its own too) into the one audit trail. */
export function auditTrailConsumers({ orm, bus, outbox, logger }: ServiceDependencies): EventConsumer[] {
  return ServiceNames.map((source) =>
    new EventConsumer({ service: 'residents', source, purpose: 'audit_trail', orm, bus, outbox, logger }).on(
      PiiRead[source],
      async (event, { em }) => {
        for (const read of event.data.reads) {
          const entry = new AuditTrailEntry();
          Object.assign(entry, {
            id: newId(),
            eventId: event.id,
            communityId: event.communityId,
            service: source,
            subjectType: read.subjectType,
            subjectId: read.subjectId,
            fields: read.fields.join(','),
            operation: event.data.operation.slice(0, 200),
            requestId: event.data.requestId.slice(0, 100),
            callerKind: event.data.caller.kind,
            callerId: event.data.caller.id,
            callerRoles: event.data.caller.roles.join(','),
            callerDepartment: event.data.caller.department,
            readAt: new Date(event.data.readAt),
          });
          em.persist(entry);
        }
      },
    ),
  );
}
