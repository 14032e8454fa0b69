import { EventEmitter } from 'node:events';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import {
  STREAM_NAME,
  SUBJECT_PREFIX,
  isDeclaredConsumer,
  type EventDefinition,
  type EventEnvelope,
  type EventOf,
  type ServiceName,
} from '@shequ/contracts';
import { giveTheEventLoopATurn } from './event-loop-turn.js';
import { withConsumerSpan } from './event-tracing.js';
import { foreignEventProblem } from './event-origin.js';
import type { NatsBus } from './nats-bus.js';
import { eventSink, type EventSink, type Outbox } from './outbox.js';
import { deadLetterSubject, publishDeadLetter, type DeadLetter } from './dead-letter.js';
import { claimEvent, claimEvents } from './processed-event.js';
import { claimVersion, claimVersions, type RecordVersion } from './projection-version.js';
import { unitOfWorkIsEmpty } from '@shequ/database';
import { SharedTransactionFailed, inTransaction, sharedConsumerTransaction } from './shared-transaction.js';
import { silentLogger, type Logger } from './silent-logger.js';

export interface HandlerContext {
  /** The transaction the handler's changes, the inbox row and any published events commit in. */
  em: EntityManager;
  /** Publishes follow-up events (same transaction, correlation id carried over). */
  events: EventSink;
}

export type EventHandler<D extends EventDefinition> = (event: EventOf<D>, context: HandlerContext) => Promise<void>;

export interface HandlerOptions<D extends EventDefinition> {
  /**
   * Runs instead of the handler when the event is stale: the consumer already applied a newer version of the
   * same record (a redelivery overtaken by a later event, a replay). Default: nothing. Use it only to fill in
   * what no later event of the record carries (e.g. a birth date only `resident.registered` has).
   */
  stale?: EventHandler<D>;
}

interface HandlerEntry {
  definition: EventDefinition;
  handler: EventHandler<EventDefinition>;
  stale?: EventHandler<EventDefinition>;
}

export interface ConsumerSettings {
  /** The consuming service. */
  service: ServiceName;
  /** The publishing service whose events this consumer reads (`shequ.<source>.>`, in order). */
  source: ServiceName;
  orm: MikroORM;
  bus: NatsBus;
  outbox: Outbox;
  logger?: Logger;
  /** Deliveries of a message that keeps failing before it goes to the dead-letter subject (default 20). */
  maxDeliver?: number;
  /** A second reader of the same source in one service: durable `<service>__<purpose>__<source>`. */
  purpose?: string;
  /**
   * Most events applied in one transaction, and how far the consumer reads ahead (default 50): at low load a batch
   * is the one event that came.
   */
  batchSize?: number;
  /**
   * Where a new durable starts: `all` (default) reads the stream from its first event (projections need the
   * history); `new` starts with the events published after it is created (a feed that owes nothing for the past,
   * such as webhooks). Once the durable exists it resumes where it stopped either way.
   */
  startAt?: 'all' | 'new';
  /**
   * Apply batches in the transaction this process's consumers share (`SharedConsumerTransaction`, default) or each
   * in a transaction of its own (`false`).
   */
  shareTransactions?: boolean;
}

/**
 * `committed` (`{ consumer, eventIds }`) after a transaction that wrote inbox rows has committed: the events it
 * applied (or passed over as stale), not duplicates. For measurements (the events benchmark): the inbox rows are
 * plain inserts, invisible to the ORM's flush events. `received` (`{ consumer, data, at }`) when a message arrives
 * from the server, before it waits for its batch.
 */
export const consumerCommits = new EventEmitter();

const utf8 = new TextDecoder();

/** How long a consumer may keep the event loop before it gives other work a turn. */
const TURN_AFTER_MS = 2;

type Outcome = 'applied' | 'stale' | 'duplicate' | 'skipped' | 'failed' | 'dead_lettered';
type ConsumedMessage = Pick<JsMsg, 'subject' | 'data' | 'ack' | 'nak' | 'term' | 'info'>;
/** A message of a batch that a handler will apply (known subject, readable, from its source, matching its schema). */
interface Applicable {
  index: number;
  message: ConsumedMessage;
  event: EventEnvelope;
  entry: HandlerEntry;
}

/**
 * A durable JetStream pull consumer (`<service>__<source>`) with explicit acks and an inbox:
 * each event is applied in one transaction together with its inbox row, so a redelivery changes nothing.
 * Apply only if newer: an event whose `aggregateVersion` is not above the version this consumer holds for
 * the record (`inbox_projection_version`) is not handed to the handler, so a late redelivery or a replay
 * never moves a projection backwards. Events of the source that have no handler are acknowledged and skipped.
 * Batches: the events that arrived while the previous transaction ran are applied together, in stream order, in one
 * transaction (their inbox rows claimed in one statement, each event's version claim and handler in turn) and then
 * acknowledged; if any handler of the batch fails,
 * the transaction rolls back and the batch is applied event by event, so the failing event alone is retried or
 * dead-lettered. The transaction is shared with the other consumers of the process that have a batch ready at the
 * same moment (`SharedConsumerTransaction`: e.g. three consumers of one `resident.registered` commit it once); each
 * keeps its own inbox rows and version claims, and a batch rolled back by another consumer's failure is tried again.
 */
export class EventConsumer {
  readonly durableName: string;
  private readonly handlers = new Map<string, HandlerEntry>();
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly logger: Logger;
  /** Events dropped because they did not come from the service allowed to publish them (for /metrics). */
  readonly rejected = new Map<string, number>();
  /** Events this process sent to the dead-letter subject, by event type (exported as a metric). */
  readonly deadLettered = new Map<string, number>();
  /** Transactions of more than one event and the events they applied (to see batching at work). */
  readonly batches = { transactions: 0, events: 0 };

  constructor(private readonly settings: ConsumerSettings) {
    if (!isDeclaredConsumer(settings)) {
      throw new Error(
        `consumer ${settings.service} ← ${settings.source} is not in EVENT_CONSUMERS (@shequ/contracts): NATS would refuse it`,
      );
    }
    this.durableName = settings.purpose
      ? `${settings.service}__${settings.purpose}__${settings.source}`
      : `${settings.service}__${settings.source}`;
    this.logger = (settings.logger ?? silentLogger).child({ consumer: this.durableName });
  }

  on<D extends EventDefinition>(definition: D, handler: EventHandler<D>, options: HandlerOptions<D> = {}): this {
    if (definition.source !== this.settings.source) {
      throw new Error(`${this.durableName} reads ${this.settings.source} events, not ${definition.subject}`);
    }
    this.handlers.set(definition.subject, {
      definition,
      handler: handler as unknown as EventHandler<EventDefinition>,
      stale: options.stale as unknown as EventHandler<EventDefinition> | undefined,
    });
    return this;
  }

  /** Starts consuming as soon as NATS is reachable (returns at once). */
  start(): void {
    this.stopped = false;
    this.settings.bus.onConnected(() => {
      if (!this.loop && !this.stopped) {
        this.loop = this.run().finally(() => {
          this.loop = undefined;
        });
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  /**
   * Consumes until stopped. A failure (a request timing out while NATS restarts, the durable consumer gone)
   * is retried with a growing pause: waiting for the next "reconnected" signal alone would hang forever when
   * the failure comes after that signal.
   */
  private async run(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.ensureConsumer();
        const consumer = await this.settings.bus.jetstream().consumers.get(STREAM_NAME, this.durableName);
        // a new pull request once three quarters of the last one have come (the client's default asks again after a
        // quarter: a request, a socket write and an answer from the server every dozen messages of each consumer)
        this.messages = await consumer.consume({
          max_messages: this.batchSize,
          threshold_messages: Math.max(1, Math.floor(this.batchSize / 4)),
        });
        attempt = 0;
        await this.consumeInBatches(this.messages);
      } catch (error) {
        if (!this.stopped) this.logger.warn({ err: error, attempt }, 'consumer loop ended; retrying');
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
    }
  }

  /** When the event loop last had a turn (`turnIfDue`). */
  private lastTurn = 0;

  /**
   * Lets the event loop run (HTTP requests, timers, NATS) once the consumer has kept it for `TURN_AFTER_MS`: after
   * every event of a slow backlog, but not after each of many quick events (a turn is a macrotask hop per event).
   */
  private async turnIfDue(): Promise<void> {
    if (performance.now() - this.lastTurn < TURN_AFTER_MS) return;
    await giveTheEventLoopATurn();
    this.lastTurn = performance.now();
  }

  private get batchSize(): number {
    return this.settings.batchSize ?? 50;
  }

  /**
   * Reads messages as they come into a queue and applies what has queued up whenever the previous batch is done:
   * one event at a time at low load (no waiting for a batch to fill), larger batches when events arrive faster.
   */
  private async consumeInBatches(messages: ConsumerMessages): Promise<void> {
    const queue: JsMsg[] = [];
    let wake: (() => void) | undefined;
    let room: (() => void) | undefined;
    let ended = false;
    const reader = (async () => {
      try {
        for await (const message of messages) {
          if (consumerCommits.listenerCount('received') > 0)
            consumerCommits.emit('received', {
              consumer: this.durableName,
              data: message.data,
              at: performance.timeOrigin + performance.now(),
            });
          queue.push(message);
          wake?.();
          if (this.stopped) break;
          // back-pressure: the iterator pulls more from the server only as it is read, so reading no further than a
          // batch ahead keeps what is fetched and unacknowledged small (well within the ack wait, even when slow)
          while (queue.length >= this.batchSize && !this.stopped)
            await new Promise<void>((resolve) => (room = resolve));
        }
      } finally {
        ended = true;
        wake?.();
      }
    })();
    while (!this.stopped) {
      if (queue.length === 0) {
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const batch = queue.splice(0, this.batchSize);
      room?.();
      room = undefined;
      await this.processBatch(batch);
      // a turn after every batch: the messages that came meanwhile are read into the queue and form the next batch
      await giveTheEventLoopATurn();
      this.lastTurn = performance.now();
    }
    room?.();
    // stopped with messages read but not applied: hand them back at once rather than after the ack wait
    for (const message of queue.splice(0)) message.nak();
    await reader;
  }

  /**
   * Applies a batch in one transaction, shared with the batches other consumers of this process have ready (see the
   * class comment); returns each message's outcome, in order.
   */
  async processBatch(messages: ConsumedMessage[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = new Array<Outcome>(messages.length);
    const applicable: Applicable[] = [];
    for (const [index, message] of messages.entries()) {
      const entry = this.handlers.get(message.subject);
      const event = entry ? parseEnvelope(message.data) : undefined;
      if (
        entry &&
        event &&
        !foreignEventProblem(message.subject, event, entry.definition) &&
        !entry.definition.check(event.data)
      ) {
        applicable.push({ index, message, event, entry });
      } else {
        // skipped, unreadable, foreign or malformed: the single-message path acknowledges, drops or dead-letters it
        outcomes[index] = await this.process(message);
      }
    }
    if (applicable.length === 0) return outcomes;
    let applied: Outcome[] | undefined;
    for (let attempt = 0; applied === undefined; attempt++) {
      try {
        applied =
          this.settings.shareTransactions === false
            ? await inTransaction(this.settings.orm, (em) => this.applyBatchIn(em, applicable))
            : await sharedConsumerTransaction(this.settings.orm).run((em) => this.applyBatchIn(em, applicable));
      } catch (error) {
        // another consumer's event failed in the shared transaction: this batch is not at fault, once more
        if (error instanceof SharedTransactionFailed && !error.culprit && attempt === 0) continue;
        if (applicable.length > 1)
          this.logger.warn(
            { events: applicable.length, err: error instanceof SharedTransactionFailed ? error.cause : error },
            'a handler failed in a batch; applying its events one by one',
          );
        for (const { index, message } of applicable) outcomes[index] = await this.process(message);
        return outcomes;
      }
    }
    if (applicable.length > 1) {
      this.batches.transactions += 1;
      this.batches.events += applicable.length;
    }
    this.announce(applicable.map(({ event }) => event.id).filter((_, i) => applied[i] !== 'duplicate'));
    for (const [i, { index, message }] of applicable.entries()) {
      message.ack();
      outcomes[index] = applied[i];
    }
    return outcomes;
  }

  /** The events of a batch in the caller's transaction: their inbox rows in one statement, then each in turn. */
  private async applyBatchIn(em: EntityManager, applicable: readonly Applicable[]): Promise<Outcome[]> {
    // the batch's inbox rows in one statement: an event already applied (or twice in the batch) is a duplicate
    const claimed = await claimEvents(
      em,
      this.durableName,
      applicable.map(({ event }) => event.id),
      new Date(),
    );
    // the version claims of the claimed events in one statement too, one per record: a record's later event in the
    // batch is claimed at its turn (it depends on the earlier one's claim)
    const fresh = applicable.filter(({ event }) => claimed.has(event.id));
    const firstOfRecord: Array<{ item: Applicable; record: RecordVersion }> = [];
    const records = new Set<string>();
    for (const item of fresh) {
      const record = this.versionedRecord(item.event);
      if (!record) continue;
      const key = `${record.aggregate}\u0000${record.aggregateId}`;
      if (records.has(key)) continue;
      records.add(key);
      firstOfRecord.push({ item, record });
    }
    const preclaimed = new Map<Applicable, boolean>();
    if (firstOfRecord.length > 1) {
      const newer = await claimVersions(
        em,
        firstOfRecord.map(({ record }) => record),
      );
      firstOfRecord.forEach(({ item }, i) => preclaimed.set(item, newer[i]));
    }
    const results: Outcome[] = [];
    for (const item of applicable) {
      const { event, entry } = item;
      if (!claimed.delete(event.id)) {
        results.push('duplicate');
        continue;
      }
      results.push(
        await withConsumerSpan(
          { service: this.settings.service, durableName: this.durableName },
          event,
          async (span) => {
            const result = await this.applyClaimed(em, event, entry.handler, entry.stale, preclaimed.get(item));
            span.setAttribute('shequ.outcome', result);
            return result;
          },
        ),
      );
      // the next event's handler and version claim see this one's changes; the unit of work starts empty for
      // it (each flush compares every managed entity: a batch's entities would make the flushes quadratic). A
      // handler that wrote only plain statements left nothing to flush.
      if (!unitOfWorkIsEmpty(em)) {
        await em.flush();
        em.clear();
      }
      await this.turnIfDue();
    }
    return results;
  }

  private announce(eventIds: string[]): void {
    if (eventIds.length > 0 && consumerCommits.listenerCount('committed') > 0)
      consumerCommits.emit('committed', { consumer: this.durableName, eventIds });
  }

  private async ensureConsumer(): Promise<void> {
    const jsm = await this.settings.bus.jetstreamManager();
    const config = {
      durable_name: this.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: this.settings.startAt === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      filter_subject: `${SUBJECT_PREFIX}.${this.settings.source}.>`,
      ack_wait: nanos(30_000),
      // no server-side limit: the consumer counts deliveries and dead-letters, so nothing is dropped unseen
      max_deliver: -1,
      max_ack_pending: 1_000,
    };
    try {
      const existing = await jsm.consumers.info(STREAM_NAME, this.durableName);
      if (existing.config.max_deliver !== -1) {
        // durables made before dead letters stopped at 20 deliveries; lift the limit (best effort)
        await jsm.consumers
          .update(STREAM_NAME, this.durableName, { max_deliver: -1 })
          .catch((error) => this.logger.warn({ err: error }, 'could not lift the delivery limit'));
      }
    } catch {
      await jsm.consumers.add(STREAM_NAME, config).catch(async (error) => {
        await jsm.consumers.info(STREAM_NAME, this.durableName).catch(() => {
          throw error;
        });
      });
    }
  }

  /** Applies one message; exposed for tests that feed the same event twice. */
  async process(message: ConsumedMessage): Promise<Outcome> {
    const entry = this.handlers.get(message.subject);
    if (!entry) {
      message.ack();
      return 'skipped';
    }
    let event: EventEnvelope;
    try {
      event = JSON.parse(utf8.decode(message.data)) as EventEnvelope;
    } catch (error) {
      return this.deadLetter(message, null, `unreadable message: ${errorMessage(error)}`);
    }
    if (this.rejectForeign(message.subject, event, entry.definition)) {
      message.term();
      return 'failed';
    }
    const problem = entry.definition.check(event.data);
    if (problem) return this.deadLetter(message, event, `payload does not match its schema: ${problem}`);
    try {
      const outcome = await withConsumerSpan(
        { service: this.settings.service, durableName: this.durableName },
        event,
        async (span) => {
          const result = await this.apply(event, entry.handler, entry.stale);
          span.setAttribute('shequ.outcome', result);
          return result;
        },
      );
      if (outcome !== 'duplicate') this.announce([event.id]);
      message.ack();
      return outcome;
    } catch (error) {
      const attempt = message.info.deliveryCount;
      if (attempt >= this.maxDeliver) return this.deadLetter(message, event, errorMessage(error));
      this.logger.error(
        { eventId: event.id, type: event.type, attempt, err: error },
        'handler failed; will be redelivered',
      );
      message.nak(Math.min(30_000, 250 * 2 ** Math.min(attempt, 7)));
      return 'failed';
    }
  }

  /**
   * Defence in depth behind the NATS permissions: an event is applied only when its subject lies under
   * `shequ.<source>.` and its envelope names that source, subject and type. Anything else is dropped, counted
   * and logged with its subject and reason only (never its payload).
   */
  private rejectForeign(subject: string, event: EventEnvelope, definition: EventDefinition): boolean {
    const problem = foreignEventProblem(subject, event, definition);
    if (!problem) return false;
    this.rejected.set(problem, (this.rejected.get(problem) ?? 0) + 1);
    this.logger.error({ subject, claimedSource: String(event.source), problem }, 'event from the wrong source dropped');
    return true;
  }

  /** Deliveries before an event that keeps failing goes to the dead-letter subject. */
  get maxDeliver(): number {
    return this.settings.maxDeliver ?? 20;
  }

  /**
   * Never silently: the message goes to `shequ_dead_letter.<service>.<consumer>` with the reason, is counted and
   * logged, then acknowledged (term). When the dead letter cannot be published the message is kept (nak): the
   * JetStream consumer has no delivery limit of its own, so it comes back and is dead-lettered then.
   */
  private async deadLetter(
    message: Pick<JsMsg, 'subject' | 'data' | 'nak' | 'term' | 'info'>,
    event: EventEnvelope | null,
    reason: string,
  ): Promise<'dead_lettered' | 'failed'> {
    const letter: DeadLetter = {
      consumer: this.durableName,
      service: this.settings.service,
      subject: message.subject,
      streamSequence: message.info.streamSequence,
      eventId: event?.id ?? null,
      eventType: event?.type ?? null,
      deliveries: message.info.deliveryCount,
      reason,
      failedAt: new Date().toISOString(),
      payload: utf8.decode(message.data),
    };
    try {
      await publishDeadLetter(this.settings.bus, letter);
    } catch (error) {
      this.logger.error({ eventId: letter.eventId, err: error }, 'dead letter not published; the event is kept');
      message.nak(5_000);
      return 'failed';
    }
    const type = letter.eventType ?? 'unreadable';
    this.deadLettered.set(type, (this.deadLettered.get(type) ?? 0) + 1);
    this.logger.error(
      { eventId: letter.eventId, type: letter.eventType, deliveries: letter.deliveries, reason },
      `event dead-lettered to ${deadLetterSubject(letter.service, letter.consumer)}`,
    );
    message.term();
    return 'dead_lettered';
  }

  /**
   * Runs the handler (or, for a stale event, `stale`) and records the inbox row in one transaction; a known
   * event id is a no-op.
   */
  async apply(
    event: EventEnvelope,
    handler: EventHandler<EventDefinition>,
    stale?: EventHandler<EventDefinition>,
  ): Promise<'applied' | 'stale' | 'duplicate'> {
    return this.settings.orm.em.fork().transactional((em) => this.applyIn(em, event, handler, stale));
  }

  /** `apply` inside the caller's transaction (one event of a batch). */
  private async applyIn(
    em: EntityManager,
    event: EventEnvelope,
    handler: EventHandler<EventDefinition>,
    stale?: EventHandler<EventDefinition>,
  ): Promise<'applied' | 'stale' | 'duplicate'> {
    // the inbox row first, one plain statement: a known event id is a duplicate, and a failing handler rolls it back
    if (!(await claimEvent(em, this.durableName, event.id, new Date()))) return 'duplicate' as const;
    return this.applyClaimed(em, event, handler, stale);
  }

  /**
   * `applyIn` once the event's inbox row is written (in the same transaction); `newer` when its version was claimed
   * already (with the batch's).
   */
  private async applyClaimed(
    em: EntityManager,
    event: EventEnvelope,
    handler: EventHandler<EventDefinition>,
    stale?: EventHandler<EventDefinition>,
    newer?: boolean,
  ): Promise<'applied' | 'stale'> {
    const events = eventSink(this.settings.outbox, em, {
      communityId: event.communityId,
      actor: { kind: 'system', id: `${this.settings.service}:${event.type}` },
      correlationId: event.correlationId,
    });
    const apply = newer ?? (await this.isNewer(em, event));
    const run = apply ? handler : stale;
    await run?.(event as EventOf<EventDefinition>, { em, events });
    return apply ? ('applied' as const) : ('stale' as const);
  }

  /** The record and version this consumer claims for an event; none for events without one (they always apply). */
  private versionedRecord(event: EventEnvelope): RecordVersion | undefined {
    const definition = this.handlers.get(event.subject)?.definition;
    if (!definition || !event.aggregateId || !(event.aggregateVersion > 0)) return undefined;
    return {
      consumer: this.durableName,
      aggregate: `${definition.source}.${definition.aggregate}`,
      aggregateId: event.aggregateId,
      version: event.aggregateVersion,
    };
  }

  /** Claims the event's record version for this consumer; events without one (published before versions) apply. */
  private async isNewer(em: EntityManager, event: EventEnvelope): Promise<boolean> {
    const record = this.versionedRecord(event);
    return record ? claimVersion(em, record) : true;
  }
}

function parseEnvelope(data: Uint8Array): EventEnvelope | undefined {
  try {
    return JSON.parse(utf8.decode(data)) as EventEnvelope;
  } catch {
    return undefined;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
