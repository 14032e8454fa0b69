import type { MikroORM } from '@mikro-orm/core';
import { DEFAULT_DELETE_BATCH_SIZE, deleteInBatches } from '@shequ/database';
import { ENVIRONMENT, pickVariables, readEnvironment } from '@shequ/server';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long the audit trail keeps a read: `SHEQU_AUDIT_RETENTION_DAYS` (default 180 days), in milliseconds. */
export function auditRetentionFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return (
    readEnvironment(pickVariables(ENVIRONMENT, ['SHEQU_AUDIT_RETENTION_DAYS']), env).SHEQU_AUDIT_RETENTION_DAYS * DAY_MS
  );
}

/**
 * Deletes audit records read before `now − retentionMs` in batches of `batchSize` rows (each its own short
 * transaction); returns how many.
 */
export async function pruneAuditTrail(
  orm: MikroORM,
  retentionMs: number,
  now: Date,
  batchSize = DEFAULT_DELETE_BATCH_SIZE,
): Promise<number> {
  return deleteInBatches(
    orm.em,
    'pii_audit_record',
    ['id'],
    'read_at < ?',
    [new Date(now.getTime() - retentionMs)],
    batchSize,
  );
}
