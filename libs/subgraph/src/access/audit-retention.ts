import type { MikroORM } from '@mikro-orm/core';
import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';
import { PiiAuditRecord } from './pii-audit-record.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long the audit trail keeps a read: `SHEQU_AUDIT_RETENTION_DAYS` (default 180 days), in milliseconds. */
export function auditRetentionFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return (
    readEnvironment(pickVariables(ENVIRONMENT, ['SHEQU_AUDIT_RETENTION_DAYS']), env).SHEQU_AUDIT_RETENTION_DAYS * DAY_MS
  );
}

/** Deletes audit records read before `now − retentionMs`; returns how many. */
export async function pruneAuditTrail(orm: MikroORM, retentionMs: number, now: Date): Promise<number> {
  return orm.em.fork().nativeDelete(PiiAuditRecord, { readAt: { $lt: new Date(now.getTime() - retentionMs) } });
}
