import type { EntityManager } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';
import type { Actor, EventData, EventDefinition, EventEnvelope, ServiceName } from '@shequ/contracts';
import { isSqliteTransaction } from '@shequ/database';
import { activeTraceparent } from './event-tracing.js';
import { awaitVersion, versionAggregatesOf, writeOutboxRowNow } from './aggregate-version.js';
import { OutboxMessage } from './outbox-message.js';

export interface EventMetadata {
  communityId: string;
  actor: Actor;
  correlationId: string;
  occurredAt?: Date;
}

/** Metadata of an envelope built outside an outbox (a test playing a publisher gives the version itself). */
export interface EnvelopeMetadata extends EventMetadata {
  aggregateVersion?: number;
}

/**
 * Writes domain events into the outbox table through the caller's EntityManager, so the event commits
 * (or rolls back) with the change it describes. The relay publishes it afterwards. Inside a SQLite transaction the
 * row is written when the event is recorded; otherwise when the unit of work is flushed (`AggregateVersioning`).
 */
export class Outbox {
  constructor(readonly service: ServiceName) {}

  add<D extends EventDefinition>(
    em: EntityManager,
    definition: D,
    data: EventData<D>,
    meta: EventMetadata,
  ): EventEnvelope<EventData<D>> {
    if (definition.source !== this.service) {
      throw new Error(`${this.service} cannot publish ${definition.subject}: it belongs to ${definition.source}`);
    }
    const envelope = envelopeFor(definition, data, meta);
    const transaction: unknown = em.getTransactionContext();
    if (isSqliteTransaction(transaction)) {
      // in a SQLite transaction the version and the row are written at once (better-sqlite3 answers synchronously):
      // no entity, no flush work, one JSON encoding
      writeOutboxRowNow(em, transaction, envelope);
      return envelope;
    }
    const row = new OutboxMessage();
    row.id = envelope.id;
    row.subject = envelope.subject;
    // the payload is encoded when the row is flushed, with its version
    row.payload = '';
    row.createdAt = new Date();
    // the record's next version is taken when this row is flushed, in the same transaction
    versionAggregatesOf(em);
    awaitVersion(row, envelope);
    em.persist(row);
    return envelope;
  }
}

/**
 * Builds the envelope of an event, checking the payload against its schema (a mismatch is a programming error).
 * `aggregateVersion` stays 0 unless given: the outbox sets it when the row is flushed.
 */
export function envelopeFor<D extends EventDefinition>(
  definition: D,
  data: EventData<D>,
  meta: EnvelopeMetadata,
): EventEnvelope<EventData<D>> {
  const problem = definition.check(data);
  if (problem) throw new Error(`invalid ${definition.type} payload: ${problem}`);
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    source: definition.source,
    subject: definition.subject,
    communityId: meta.communityId,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    actor: meta.actor,
    correlationId: meta.correlationId,
    ...traceparentOf(),
    aggregateId: definition.aggregateIdOf(data),
    aggregateVersion: meta.aggregateVersion ?? 0,
    data,
  };
}

function traceparentOf(): { traceparent?: string } {
  const traceparent = activeTraceparent();
  return traceparent ? { traceparent } : {};
}

/** What application code holds to publish: an Outbox bound to one unit of work and its metadata. */
export interface EventSink {
  record<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    options?: {
      communityId?: string;
      occurredAt?: Date;
      /** The record was created in this transaction: a batch numbers its events 1, 2, … without asking the database. */
      newRecord?: boolean;
    },
  ): EventEnvelope<EventData<D>>;
}

export function eventSink(outbox: Outbox, em: EntityManager, meta: EventMetadata): EventSink {
  return {
    record: (definition, data, options) =>
      outbox.add(em, definition, data, {
        ...meta,
        communityId: options?.communityId ?? meta.communityId,
        occurredAt: options?.occurredAt ?? meta.occurredAt,
      }),
  };
}
