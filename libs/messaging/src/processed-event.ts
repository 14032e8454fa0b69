import { executePlain, executePlainValues, sqlForRows } from '@shequ/database';
import { EntitySchema, type EntityManager } from '@mikro-orm/core';

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

/**
 * Records that `consumer` applied `eventId`, inside the caller's transaction: true when the row is new, false when
 * the event was already applied (a redelivery). One statement, no entity, on SQLite (>= 3.35) and PostgreSQL; on
 * PostgreSQL a second replica applying the same event at the same moment waits for the first one's transaction,
 * then sees its row.
 */
export async function claimEvent(em: EntityManager, consumer: string, eventId: string, at: Date): Promise<boolean> {
  const rows = await executePlain<unknown>(
    em,
    'insert into inbox_processed_event (consumer, event_id, processed_at) values (?, ?, ?) ' +
      'on conflict (consumer, event_id) do nothing returning event_id',
    [consumer, eventId, at],
  );
  return rows.length > 0;
}

/** The claim statement of `rows` rows: one string per row count, kept (`sqlForRows`). */
const claimSql = sqlForRows(
  (rows) =>
    'insert into inbox_processed_event (consumer, event_id, processed_at) values ' +
    Array.from({ length: rows }, () => '(?, ?, ?)').join(', ') +
    ' on conflict (consumer, event_id) do nothing returning consumer, event_id',
);

/**
 * `claimEvent` for the events of a batch of several consumers (the purposes of one durable), in one statement: per
 * consumer, the ids whose inbox row is new (the others were applied already). An id given twice for one consumer is
 * claimed once.
 */
export async function claimEventsOf(
  em: EntityManager,
  claims: ReadonlyArray<{ consumer: string; eventId: string }>,
  at: Date,
): Promise<Map<string, Set<string>>> {
  const claimed = new Map<string, Set<string>>();
  if (claims.length === 0) return claimed;
  const params = new Array<unknown>(claims.length * 3);
  claims.forEach(({ consumer, eventId }, i) => {
    params[i * 3] = consumer;
    params[i * 3 + 1] = eventId;
    params[i * 3 + 2] = at;
  });
  // rows as [consumer, event_id] (no object per row: three rows per event in cases)
  const rows = await executePlainValues(em, claimSql(claims.length), params);
  for (const [consumer, eventId] of rows as Array<[string, string]>) {
    const ids = claimed.get(consumer);
    if (ids) ids.add(eventId);
    else claimed.set(consumer, new Set([eventId]));
  }
  return claimed;
}
