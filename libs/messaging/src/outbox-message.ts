import { EntitySchema } from '@mikro-orm/core';

/** A domain event waiting to be published (or already published) — one row per event, written in the
 *  same transaction as the change it describes. */
export class OutboxMessage {
  id!: string;
  subject!: string;
  /** The whole envelope as JSON. */
  payload!: string;
  createdAt!: Date;
  sentAt: Date | null = null;
  attempts = 0;
  lastError: string | null = null;
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  class: OutboxMessage,
  tableName: 'outbox_message',
  indexes: [{ properties: ['sentAt', 'id'], name: 'outbox_message_pending_idx' }],
  properties: {
    id: { type: 'string', length: 36, primary: true },
    subject: { type: 'string', length: 200 },
    payload: { type: 'text' },
    createdAt: { type: 'datetime' },
    sentAt: { type: 'datetime', nullable: true },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
  },
});
