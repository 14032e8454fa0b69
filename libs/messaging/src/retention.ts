import type { MikroORM } from '@mikro-orm/core';
import { DEFAULT_DELETE_BATCH_SIZE, deleteInBatches } from '@shequ/database';
import { OutboxMessage } from './outbox-message.js';
import { ProcessedEvent } from './processed-event.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long messaging rows are kept. Sent outbox rows are needed only until the stream has them (the relay's
 * check after a restart looks at pending rows only, the server's duplicate window is 2 minutes); inbox rows only
 * while JetStream may redeliver (ack wait 30 s, dead letters replayed by hand) — a replay of older events is
 * stopped by the record versions (`inbox_projection_version`, never pruned: one row per record). Both defaults
 * keep a week for diagnosis: `SHEQU_OUTBOX_RETENTION_DAYS`, `SHEQU_INBOX_RETENTION_DAYS`.
 */
export interface RetentionSettings {
  sentOutboxMs: number;
  processedEventsMs: number;
}

export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionSettings {
  const days = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value < 1) throw new Error(`${name} must be a number of days >= 1`);
    return value * DAY_MS;
  };
  return {
    sentOutboxMs: days('SHEQU_OUTBOX_RETENTION_DAYS', 7),
    processedEventsMs: days('SHEQU_INBOX_RETENTION_DAYS', 7),
  };
}

/**
 * Deletes sent outbox rows and inbox rows older than their retention, in batches of `batchSize` rows (each its own
 * short transaction); returns how many of each.
 */
export async function pruneMessagingRows(
  orm: MikroORM,
  settings: RetentionSettings,
  now: Date,
  batchSize = DEFAULT_DELETE_BATCH_SIZE,
): Promise<{ outbox: number; inbox: number }> {
  const em = orm.em;
  const outbox = await deleteInBatches(
    em,
    'outbox_message',
    ['id'],
    'sent_at is not null and sent_at < ?',
    [new Date(now.getTime() - settings.sentOutboxMs)],
    batchSize,
  );
  const inbox = await deleteInBatches(
    em,
    'inbox_processed_event',
    ['consumer', 'event_id'],
    'processed_at < ?',
    [new Date(now.getTime() - settings.processedEventsMs)],
    batchSize,
  );
  return { outbox, inbox };
}

export interface MessagingTableStats {
  table: 'outbox_pending' | 'outbox_sent' | 'inbox_processed_event';
  rows: number;
  /** Age in seconds of the oldest row (0 when empty). */
  oldestAgeSeconds: number;
}

/** Sizes and oldest ages of the messaging tables (for `/metrics`). */
export async function messagingTableStats(orm: MikroORM, now: Date): Promise<MessagingTableStats[]> {
  const em = orm.em.fork();
  const age = (date: Date | undefined) => (date ? Math.max(0, (now.getTime() - date.getTime()) / 1000) : 0);
  const [pending, oldestPending, sent, oldestSent, inbox, oldestInbox] = await Promise.all([
    em.count(OutboxMessage, { sentAt: null }),
    em.findOne(OutboxMessage, { sentAt: null }, { orderBy: { id: 'asc' } }),
    em.count(OutboxMessage, { sentAt: { $ne: null } }),
    em.findOne(OutboxMessage, { sentAt: { $ne: null } }, { orderBy: { sentAt: 'asc' } }),
    em.count(ProcessedEvent, {}),
    em.findOne(ProcessedEvent, { processedAt: { $ne: null } }, { orderBy: { processedAt: 'asc' } }),
  ]);
  return [
    { table: 'outbox_pending', rows: pending, oldestAgeSeconds: age(oldestPending?.createdAt) },
    { table: 'outbox_sent', rows: sent, oldestAgeSeconds: age(oldestSent?.sentAt ?? undefined) },
    { table: 'inbox_processed_event', rows: inbox, oldestAgeSeconds: age(oldestInbox?.processedAt) },
  ];
}
