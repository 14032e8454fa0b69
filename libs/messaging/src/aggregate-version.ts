import { EventEmitter } from 'node:events';
import { executePlain, type SqliteTransaction } from '@shequ/database';
import { EntitySchema, type EntityManager, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from './outbox-message.js';

/**
 * The publishing side's counter per record (`outbox_aggregate_version`): the last `aggregateVersion` given to an
 * event of that aggregate. It is raised in the transaction that writes the outbox row, so on PostgreSQL the row
 * lock orders concurrent writers of one record and versions follow commit order (SQLite serialises writers anyway).
 */
export class AggregateVersion {
  /** `<source>.<aggregate>`, e.g. `residents.resident`. */
  aggregate!: string;
  aggregateId!: string;
  version!: number;
}

export const AggregateVersionSchema = new EntitySchema<AggregateVersion>({
  class: AggregateVersion,
  tableName: 'outbox_aggregate_version',
  properties: {
    aggregate: { type: 'string', length: 100, primary: true },
    aggregateId: { type: 'string', length: 200, primary: true },
    version: { type: 'integer' },
  },
});

/** The envelope waiting in a new outbox row for its version (kept beside the row until the flush). */
const pendingEnvelopes = new WeakMap<OutboxMessage, EventEnvelope>();

export function awaitVersion(row: OutboxMessage, envelope: EventEnvelope): void {
  pendingEnvelopes.set(row, envelope);
}

/** An outbox row as its transaction inserted it, handed to the relay when the transaction commits. */
export interface WrittenOutboxRow {
  id: string;
  subject: string;
  payload: string;
}

/**
 * `written` (`em`, `rows`) when outbox rows were inserted in `em`'s transaction by the versioning below, apart from
 * the unit of work (no change set shows them): that transaction's commit hands them to the relay (no read of the
 * table), in the order they were inserted.
 */
export const outboxWrites = new EventEmitter().setMaxListeners(0);

/**
 * Before a flush writes new outbox rows, gives each its record's next version (same transaction as the row
 * when the flush runs in one, as every use case and consumer does) and writes it into the row's envelope.
 * Inside a transaction the rows are then inserted here with plain statements (one per 250 rows) and leave the unit
 * of work (an entity insert through the ORM cost more than the rest of a small unit of work); a flush outside a
 * transaction leaves them to the ORM, so a row still commits with the changes it describes.
 */
export class AggregateVersioning implements EventSubscriber {
  async beforeFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const rows: OutboxMessage[] = [];
    for (const entity of [...uow.getPersistStack()]) {
      if (!(entity instanceof OutboxMessage)) continue;
      const envelope = pendingEnvelopes.get(entity);
      if (!envelope) continue;
      pendingEnvelopes.delete(entity);
      envelope.aggregateVersion = await nextVersion(em, aggregateOf(envelope), envelope.aggregateId);
      entity.payload = JSON.stringify(envelope);
      if (em.isInTransaction()) rows.push(entity);
    }
    if (rows.length === 0) return;
    // the flush's rows in multi-row statements (an import's flush carries hundreds), in the order they were recorded
    for (let i = 0; i < rows.length; i += OUTBOX_ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + OUTBOX_ROWS_PER_INSERT);
      await executePlain(
        em,
        'insert into outbox_message (id, subject, payload, created_at, sent_at, attempts, last_error) values ' +
          chunk.map(() => '(?, ?, ?, ?, null, 0, null)').join(', '),
        chunk.flatMap((row) => [row.id, row.subject, row.payload, row.createdAt]),
      );
    }
    for (const row of rows) uow.unsetIdentity(row);
    outboxWrites.emit(
      'written',
      em,
      rows.map((row): WrittenOutboxRow => ({ id: row.id, subject: row.subject, payload: row.payload })),
    );
  }
}

/**
 * Inside a SQLite transaction, when the event is recorded: the record's next version, the envelope with it and the
 * outbox row, written now on the transaction's connection (two prepared statements, no entity, the envelope encoded
 * once); the transaction's commit hands the row to the relay (`outboxWrites`), as after a flush.
 */
export function writeOutboxRowNow(em: EntityManager, transaction: SqliteTransaction, envelope: EventEnvelope): void {
  const [{ version }] = transaction.query<{ version: number | string }>(NEXT_VERSION, [
    aggregateOf(envelope),
    envelope.aggregateId,
  ]);
  envelope.aggregateVersion = Number(version);
  const row: WrittenOutboxRow = { id: envelope.id, subject: envelope.subject, payload: JSON.stringify(envelope) };
  transaction.query(INSERT_ONE, [row.id, row.subject, row.payload, Date.now()]);
  outboxWrites.emit('written', em, [row]);
}

const INSERT_ONE =
  'insert into outbox_message (id, subject, payload, created_at, sent_at, attempts, last_error) values (?, ?, ?, ?, null, 0, null)';

/** Outbox rows per insert statement (4 bindings each: well below SQLite's and PostgreSQL's limits). */
const OUTBOX_ROWS_PER_INSERT = 250;

const registered = new WeakSet<object>();

/** Registers the versioning once per ORM (its event manager is shared by every fork). */
export function versionAggregatesOf(em: EntityManager): void {
  const events = em.getEventManager();
  if (registered.has(events)) return;
  registered.add(events);
  events.registerSubscriber(new AggregateVersioning());
}

async function nextVersion(em: EntityManager, aggregate: string, aggregateId: string): Promise<number> {
  const rows = await executePlain<{ version: number | string }>(em, NEXT_VERSION, [aggregate, aggregateId]);
  return Number(rows[0].version);
}

/** The kind of record an event's version counts for: its service and the first part of its type (`residents.resident`). */
const aggregateOf = (envelope: EventEnvelope) => `${envelope.source}.${envelope.type.split('.')[0]}`;

/** One statement, same text on SQLite (>= 3.35) and PostgreSQL: insert version 1 or raise the stored one. */
const NEXT_VERSION =
  'insert into outbox_aggregate_version (aggregate, aggregate_id, version) values (?, ?, 1) ' +
  'on conflict (aggregate, aggregate_id) do update set version = outbox_aggregate_version.version + 1 ' +
  'returning version';
