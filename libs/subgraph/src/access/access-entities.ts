import { AUDIT_TRAIL_SERVICE, type ServiceName } from '@shequ/contracts';
import type { EntityDefinition } from '@shequ/database';
import { PiiAuditRecordSchema } from './pii-audit-record.js';

/** Tables the subgraph runtime adds to a service: the audit trail, in the one service that keeps it. */
export function accessEntitiesOf(service: ServiceName): EntityDefinition[] {
  return service === AUDIT_TRAIL_SERVICE ? [PiiAuditRecordSchema] : [];
}
