import { EntitySchema } from '@mikro-orm/core';

/** Inbox: an event a consumer has applied. Its presence makes a redelivery a no-op. */
export class ProcessedEvent {
  consumer!: string;
  eventId!: string;
  processedAt!: Date;
}

export const ProcessedEventSchema = new EntitySchema<ProcessedEvent>({
  class: ProcessedEvent,
  tableName: 'inbox_processed_event',
  properties: {
    consumer: { type: 'string', length: 100, primary: true },
    eventId: { type: 'string', length: 36, primary: true },
    processedAt: { type: 'datetime' },
  },
});
