import type { EntityManager } from '@mikro-orm/core';
import type { EventData, EventDefinition, EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from './outbox-message.js';
import { envelopeFor, type EventMetadata, type Outbox } from './outbox.js';

/** Rows per multi-row statement (7 parameters each: well under SQLite's and PostgreSQL's parameter limits). */
const ROWS_PER_STATEMENT = 500;

/** Runs SQL with `?` placeholders and bound values in the caller's transaction (`executeBound` of @shequ/database). */
export type BoundExecute = (
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
) => Promise<Array<Record<string, unknown>>>;

/**
 * Events of a bulk write (an import chunk), written to the outbox together: the records' versions raised with one
 * statement per 500 records, the outbox rows with one multi-row insert per 500 events, all through the caller's
 * transaction. Same envelopes, versions and rows as `Outbox.add`, without a round trip per event.
 */
export class BatchedEvents {
  private readonly envelopes: EventEnvelope[] = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly meta: EventMetadata,
  ) {}

  get size(): number {
    return this.envelopes.length;
  }

  record<D extends EventDefinition>(definition: D, data: EventData<D>): EventEnvelope<EventData<D>> {
    if (definition.source !== this.outbox.service)
      throw new Error(
        `${this.outbox.service} cannot publish ${definition.subject}: it belongs to ${definition.source}`,
      );
    const envelope = envelopeFor(definition, data, this.meta);
    this.envelopes.push(envelope);
    return envelope;
  }

  /**
   * Writes what was recorded (inside the caller's transaction) and starts empty again. With `execute` the values
   * are bound parameters (faster for large batches); without, the ORM's own statements.
   */
  async writeTo(em: EntityManager, execute?: BoundExecute): Promise<void> {
    const envelopes = this.envelopes.splice(0);
    if (envelopes.length === 0) return;
    const connection = em.getConnection('write');
    // Events per record, in order: the record's counter is raised by that many at once.
    const perRecord = new Map<string, { aggregate: string; aggregateId: string; events: EventEnvelope[] }>();
    for (const envelope of envelopes) {
      const aggregate = `${envelope.source}.${envelope.type.split('.')[0]}`;
      const key = `${aggregate}\u0000${envelope.aggregateId}`;
      const entry = perRecord.get(key) ?? { aggregate, aggregateId: envelope.aggregateId, events: [] };
      entry.events.push(envelope);
      perRecord.set(key, entry);
    }
    const records = [...perRecord.values()];
    for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
      const slice = records.slice(i, i + ROWS_PER_STATEMENT);
      const sql =
        `insert into outbox_aggregate_version (aggregate, aggregate_id, version) values ${slice
          .map(() => '(?, ?, ?)')
          .join(', ')} on conflict (aggregate, aggregate_id) do update set version = ` +
        'outbox_aggregate_version.version + excluded.version returning aggregate, aggregate_id, version';
      const params = slice.flatMap((r) => [r.aggregate, r.aggregateId, r.events.length]);
      const rows = (
        execute
          ? await execute(em, sql, params)
          : await connection.execute(sql, params, 'all', em.getTransactionContext())
      ) as Array<{ aggregate: string; aggregate_id: string; version: number | string }>;
      for (const row of rows) {
        const entry = perRecord.get(`${row.aggregate}\u0000${row.aggregate_id}`);
        if (!entry) continue;
        const last = Number(row.version);
        entry.events.forEach((envelope, index) => {
          envelope.aggregateVersion = last - entry.events.length + index + 1;
        });
      }
    }
    const createdAt = new Date();
    for (let i = 0; i < envelopes.length; i += ROWS_PER_STATEMENT) {
      const slice = envelopes.slice(i, i + ROWS_PER_STATEMENT);
      if (execute) {
        await execute(
          em,
          'insert into outbox_message (id, subject, payload, created_at, sent_at, attempts) values ' +
            slice.map(() => '(?, ?, ?, ?, null, 0)').join(', '),
          slice.flatMap((envelope) => [envelope.id, envelope.subject, JSON.stringify(envelope), createdAt]),
        );
        continue;
      }
      await em.insertMany(
        OutboxMessage,
        slice.map((envelope) => ({
          id: envelope.id,
          subject: envelope.subject,
          payload: JSON.stringify(envelope),
          createdAt,
          sentAt: null,
          attempts: 0,
          lastError: null,
        })),
      );
    }
  }
}
