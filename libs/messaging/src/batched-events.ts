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
 * Where a batch's rows go (`BulkWrites` of @shequ/database): `insert` at once, `queue` with the caller's rows. A value
 * that is a plain object is stored as its JSON text (as `insertPrepared` does).
 */
export interface BulkWriter {
  insert: BulkInsert;
  queue?(
    table: string,
    columns: readonly string[],
    rows: ReadonlyArray<readonly unknown[]>,
    options?: { suffix?: string },
  ): void;
}

const VERSION_COLUMNS = ['aggregate', 'aggregate_id', 'version'];
const MESSAGE_COLUMNS = ['id', 'subject', 'payload', 'created_at', 'sent_at', 'attempts'];
const RAISE_VERSION =
  'on conflict (aggregate, aggregate_id) do update set version = outbox_aggregate_version.version + excluded.version';

/**
 * Events of a bulk write (an import chunk), written to the outbox together, through the caller's transaction: same
 * envelopes, versions and rows as `Outbox.add`, without a round trip per event. The versions of records that
 * existed before are raised with one upsert (returning the new counters); the events of a record created in this
 * transaction (`record(…, { newRecord: true })`: a fresh id has no counter yet) are numbered 1, 2, … here, so with
 * a writer that queues (`BulkWrites`) their counter rows and every outbox row go with the caller's own rows — on
 * PostgreSQL in the same statement.
 */
export class BatchedEvents {
  private readonly envelopes: EventEnvelope[] = [];
  private readonly newRecords = new Set<string>();

  constructor(
    private readonly outbox: Outbox,
    private readonly meta: EventMetadata,
  ) {}

  get size(): number {
    return this.envelopes.length;
  }

  record<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    options?: { newRecord?: boolean },
  ): EventEnvelope<EventData<D>> {
    if (definition.source !== this.outbox.service)
      throw new Error(
        `${this.outbox.service} cannot publish ${definition.subject}: it belongs to ${definition.source}`,
      );
    const envelope = envelopeFor(definition, data, this.meta);
    this.envelopes.push(envelope);
    if (options?.newRecord) this.newRecords.add(recordKey(aggregateOf(envelope), envelope.aggregateId));
    return envelope;
  }

  /**
   * Writes what was recorded (inside the caller's transaction) and starts empty again. With a `writer` one
   * prepared statement per table (or the rows queued with the caller's); without, the ORM's own statements, 500
   * rows each.
   */
  async writeTo(em: EntityManager, writer?: BulkWriter): Promise<void> {
    const envelopes = this.envelopes.splice(0);
    const fresh = new Set(this.newRecords);
    this.newRecords.clear();
    if (envelopes.length === 0) return;
    // Events per record, in order: the record's counter is raised by that many at once.
    type RecordEvents = { aggregate: string; aggregateId: string; events: EventEnvelope[] };
    const perRecord = new Map<string, RecordEvents>();
    for (const envelope of envelopes) {
      const aggregate = aggregateOf(envelope);
      const key = recordKey(aggregate, envelope.aggregateId);
      let entry = perRecord.get(key);
      if (!entry) perRecord.set(key, (entry = { aggregate, aggregateId: envelope.aggregateId, events: [] }));
      entry.events.push(envelope);
    }
    const existing: RecordEvents[] = [];
    const created: RecordEvents[] = [];
    for (const [key, entry] of perRecord) (writer && fresh.has(key) ? created : existing).push(entry);
    const versions: Array<Record<string, unknown>> = [];
    const counters = (entries: typeof existing) => entries.map((r) => [r.aggregate, r.aggregateId, r.events.length]);
    const returning = `${RAISE_VERSION} returning aggregate, aggregate_id, version`;
    if (writer && existing.length)
      versions.push(
        ...(await writer.insert(em, 'outbox_aggregate_version', VERSION_COLUMNS, counters(existing), {
          suffix: returning,
        })),
      );
    else
      for (let i = 0; i < existing.length; i += ROWS_PER_STATEMENT) {
        const slice = existing.slice(i, i + ROWS_PER_STATEMENT);
        const sql = `insert into outbox_aggregate_version (aggregate, aggregate_id, version) values ${slice
          .map(() => '(?, ?, ?)')
          .join(', ')} ${returning}`;
        const connection = em.getConnection('write');
        versions.push(
          ...((await connection.execute(sql, counters(slice).flat(), 'all', em.getTransactionContext())) as []),
        );
      }
    for (const row of versions as Array<{ aggregate: string; aggregate_id: string; version: number | string }>) {
      const entry = perRecord.get(recordKey(row.aggregate, row.aggregate_id));
      if (!entry) continue;
      const last = Number(row.version);
      entry.events.forEach((envelope, index) => {
        envelope.aggregateVersion = last - entry.events.length + index + 1;
      });
    }
    for (const entry of created) entry.events.forEach((envelope, index) => (envelope.aggregateVersion = index + 1));
    const createdAt = new Date();
    if (writer) {
      const write = async (...args: Parameters<NonNullable<BulkWriter['queue']>>): Promise<void> => {
        if (writer.queue) writer.queue(...args);
        else await writer.insert(em, ...args);
      };
      // a plain insert: a record created in this transaction has a fresh id no other writer can have counted (half
      // the server's time of the upsert, which probes the key before inserting it); a clash would be a fault, and
      // fails the write
      await write('outbox_aggregate_version', VERSION_COLUMNS, counters(created));
      // the envelope as it is: the writer stores it as its JSON text (inline in a chunk's JSON on PostgreSQL, not
      // encoded twice and escaped; encoded at the bind on SQLite)
      await write(
        'outbox_message',
        MESSAGE_COLUMNS,
        envelopes.map((envelope) => [envelope.id, envelope.subject, envelope, createdAt, null, 0]),
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

function aggregateOf(envelope: EventEnvelope): string {
  return `${envelope.source}.${envelope.type.slice(0, envelope.type.indexOf('.'))}`;
}

function recordKey(aggregate: string, aggregateId: string): string {
  return `${aggregate}\u0000${aggregateId}`;
}
