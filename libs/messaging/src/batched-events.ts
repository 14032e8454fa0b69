import type { EntityManager } from '@mikro-orm/core';
import type { EventData, EventDefinition, EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from './outbox-message.js';
import { envelopeFor, type EventMetadata, type Outbox } from './outbox.js';

/** Rows per multi-row statement (7 parameters each: well under SQLite's and PostgreSQL's parameter limits). */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts rows (values in `columns` order) in the caller's transaction, `suffix` appended (`on conflict …`,
 * `returning …`), and returns the rows returned (`insertPrepared` of @shequ/database: one prepared statement for
 * any number of rows).
 */
export type BulkInsert = (
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options?: { suffix?: string },
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
   * Writes what was recorded (inside the caller's transaction) and starts empty again. With `insert` (a bulk insert
   * with prepared statements) one statement per table whatever the number of events; without, the ORM's own
   * statements, 500 rows each.
   */
  async writeTo(em: EntityManager, insert?: BulkInsert): Promise<void> {
    const envelopes = this.envelopes.splice(0);
    if (envelopes.length === 0) return;
    // Events per record, in order: the record's counter is raised by that many at once.
    const perRecord = new Map<string, { aggregate: string; aggregateId: string; events: EventEnvelope[] }>();
    for (const envelope of envelopes) {
      const aggregate = `${envelope.source}.${envelope.type.slice(0, envelope.type.indexOf('.'))}`;
      const key = `${aggregate}\u0000${envelope.aggregateId}`;
      let entry = perRecord.get(key);
      if (!entry) perRecord.set(key, (entry = { aggregate, aggregateId: envelope.aggregateId, events: [] }));
      entry.events.push(envelope);
    }
    const records = [...perRecord.values()];
    const suffix =
      'on conflict (aggregate, aggregate_id) do update set version = ' +
      'outbox_aggregate_version.version + excluded.version returning aggregate, aggregate_id, version';
    const versions: Array<Record<string, unknown>> = [];
    if (insert)
      versions.push(
        ...(await insert(
          em,
          'outbox_aggregate_version',
          ['aggregate', 'aggregate_id', 'version'],
          records.map((r) => [r.aggregate, r.aggregateId, r.events.length]),
          { suffix },
        )),
      );
    else
      for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
        const slice = records.slice(i, i + ROWS_PER_STATEMENT);
        const sql = `insert into outbox_aggregate_version (aggregate, aggregate_id, version) values ${slice
          .map(() => '(?, ?, ?)')
          .join(', ')} ${suffix}`;
        const params = slice.flatMap((r) => [r.aggregate, r.aggregateId, r.events.length]);
        versions.push(...((await em.getConnection('write').execute(sql, params, 'all', em.getTransactionContext())) as []));
      }
    for (const row of versions as Array<{ aggregate: string; aggregate_id: string; version: number | string }>) {
      const entry = perRecord.get(`${row.aggregate}\u0000${row.aggregate_id}`);
      if (!entry) continue;
      const last = Number(row.version);
      entry.events.forEach((envelope, index) => {
        envelope.aggregateVersion = last - entry.events.length + index + 1;
      });
    }
    const createdAt = new Date();
    if (insert) {
      await insert(
        em,
        'outbox_message',
        ['id', 'subject', 'payload', 'created_at', 'sent_at', 'attempts'],
        envelopes.map((envelope) => [envelope.id, envelope.subject, JSON.stringify(envelope), createdAt, null, 0]),
      );
      return;
    }
    for (let i = 0; i < envelopes.length; i += ROWS_PER_STATEMENT)
      await em.insertMany(
        OutboxMessage,
        envelopes.slice(i, i + ROWS_PER_STATEMENT).map((envelope) => ({
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
