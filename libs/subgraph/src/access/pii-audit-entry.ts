import { EntitySchema } from '@mikro-orm/core';

/** One unmasked read of personal data: which subject, which fields, by whom, in which request. */
export class PiiAuditEntry {
  id!: string;
  communityId!: string;
  subjectType!: string;
  subjectId!: string;
  /** Comma-separated field names. */
  fields!: string;
  operation!: string;
  requestId!: string;
  callerKind!: string;
  callerId!: string;
  callerRoles!: string;
  readAt!: Date;
}

export const PiiAuditEntrySchema = new EntitySchema<PiiAuditEntry>({
  class: PiiAuditEntry,
  tableName: 'pii_audit_entry',
  indexes: [
    { properties: ['subjectId', 'readAt'], name: 'pii_audit_entry_subject_idx' },
    { properties: ['callerId', 'readAt'], name: 'pii_audit_entry_caller_idx' },
  ],
  properties: {
    id: { type: 'string', length: 36, primary: true },
    communityId: { type: 'string', length: 12 },
    subjectType: { type: 'string', length: 20 },
    subjectId: { type: 'string', length: 36 },
    fields: { type: 'string', length: 200 },
    operation: { type: 'string', length: 200 },
    requestId: { type: 'string', length: 100 },
    callerKind: { type: 'string', length: 10 },
    callerId: { type: 'string', length: 100 },
    callerRoles: { type: 'string', length: 300 },
    readAt: { type: 'datetime' },
  },
});

/** Tables the subgraph runtime adds to every service (audit of personal-data reads). */
export const accessEntities = [PiiAuditEntrySchema];
