import { messageWithoutValues } from '@shequ/errors';
import { EventEmitter } from 'node:events';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import {
  STREAM_NAME,
  durableNameOf,
  isDeclaredConsumer,
  purposeNameOf,
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
import { claimEvent, claimEventsOf } from './processed-event.js';
import { claimVersion, claimVersions, type RecordVersion } from './projection-version.js';
import { unitOfWorkIsEmpty } from '@shequ/database';
import { ensureDurablePerSource } from './durable-positions.js';
import { SharedTransactionFailed, inTransaction, sharedConsumerTransaction } from './shared-transaction.js';
import { silentLogger, type Logger } from './silent-logger.js';
import {
  CONCURRENCY_RETRIES,
  concurrencyPause,
  isConcurrencyFailure,
  retryingConcurrencyFailures,
} from '@shequ/database';

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

export interface HandlerEntry {
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
  /** A second reader of the same source in one service: named `<service>__<purpose>__<source>`. */
  purpose?: string;
  /**
   * Most events applied in one transaction, and how far the durable reads ahead (default 50, the largest of its
   * purposes'): at low load a batch is the one event that came.
   */
  batchSize?: number;
  /**
   * Where a new purpose starts: `all` (default) reads the stream from its first event (projections need the
   * history); `new` passes over the events published before it first started (a feed that owes nothing for the past,
   * such as webhooks). Once it has started it resumes where it stopped either way.
   */
  startAt?: 'all' | 'new';
  /**
   * Apply batches in the transaction this process's consumers share (`SharedConsumerTransaction`, default) or each
   * in a transaction of its own (`false`).
   */
  shareTransactions?: boolean;
}

/**
 * `committed` (`{ consumer, eventIds }`, the purpose's name) after a transaction that wrote inbox rows has committed:
 * the events it applied (or passed over as stale), not duplicates. For measurements (the events benchmark): the inbox
 * rows are plain inserts, invisible to the ORM's flush events. `received` (`{ consumer, data, at }`, the durable's
 * name) when a message arrives from the server, before it waits for its batch.
 */
export const consumerCommits = new EventEmitter();

const utf8 = new TextDecoder();

/** How long a consumer may keep the event loop before it gives other work a turn. */
const TURN_AFTER_MS = 2;

/** An event held back by its purpose's `hold` (not applied; delivered again later). */
export class EventHeldError extends Error {
  override readonly name = 'EventHeldError';
}

export type Outcome = 'applied' | 'stale' | 'duplicate' | 'skipped' | 'failed' | 'dead_lettered';
export type ConsumedMessage = Pick<JsMsg, 'subject' | 'data' | 'ack' | 'nak' | 'term' | 'info'>;
/** A message of a batch that a handler will apply (known subject, readable, from its source, matching its schema). */
export interface Applicable {
  index: number;
  message: ConsumedMessage;
  event: EventEnvelope;
  entry: HandlerEntry;
}

/** What a purpose's single-message path did with a message, and what the message owes the server for it. */
interface Verdict {
  outcome: Outcome;
  /** `ack`: done; `term`: done, dropped or dead-lettered; a number: deliver again after that many ms. */
  settle: 'ack' | 'term' | number;
}

/**
 * One purpose for which a service reads a source's events (a line of `EVENT_CONSUMERS`): its handlers, applied
 * through the service's durable consumer of that source (`SourceConsumer`, `<service>__from__<source>`) together with
 * the source's other purposes. Each purpose keeps its own inbox (each event applied once, a redelivery changes
 * nothing), its own record versions (apply only if newer: an event whose `aggregateVersion` is not above the version
 * the purpose holds for the record, `inbox_projection_version`, is not handed to the handler, so a late redelivery or
 * a replay never moves a projection backwards), its own deliveries before a failing event is dead-lettered and its
 * own dead letters (`shequ_dead_letter.<service>.<name>`), all under its name (`<service>__<source>` or
 * `<service>__<purpose>__<source>`: its own durable's before one durable per source). Events of the source that it
 * has no handler for are passed over.
 */
export class EventConsumer {
  /** The purpose's name: its inbox rows, record versions and dead letters. */
  readonly name: string;
  /** The durable consumer it is read through (one per service and source). */
  readonly durableName: string;
  /** @internal */
  readonly handlers = new Map<string, HandlerEntry>();
  /** @internal */
  readonly logger: Logger;
  /** Events dropped because they did not come from the service allowed to publish them (for /metrics). */
  readonly rejected = new Map<string, number>();
  /** Events this process sent to the dead-letter subject, by event type (exported as a metric). */
  readonly deadLettered = new Map<string, number>();
  /** Transactions of more than one event and the events they applied (to see batching at work). */
  readonly batches = { transactions: 0, events: 0 };
  /** The durable when this purpose is started on its own (`start`, `processBatch` in tests). */
  private alone: SourceConsumer | undefined;
  /**
   * Asked before an event is applied, in its transaction (batch or alone): a reason to hold the event back — it is
   * not applied, fails like a failing handler and comes again after a pause (dead-lettered, with the reason, after
   * `maxDeliver` deliveries) — or `undefined` to apply it. E.g. a subgraph holds residents' events of a community it
   * does not know registered (`holdEventsOfUnregisteredCommunities`, libs/subgraph).
   */
  hold?: (em: EntityManager, event: EventEnvelope) => Promise<string | undefined>;

  constructor(readonly settings: ConsumerSettings) {
    if (!isDeclaredConsumer(settings)) {
      throw new Error(
        `consumer ${settings.service} ← ${settings.source} is not in EVENT_CONSUMERS (@shequ/contracts): NATS would refuse it`,
      );
    }
    this.name = purposeNameOf(settings);
    this.durableName = durableNameOf(settings);
    this.logger = (settings.logger ?? silentLogger).child({ consumer: this.name });
  }

  on<D extends EventDefinition>(definition: D, handler: EventHandler<D>, options: HandlerOptions<D> = {}): this {
    if (definition.source !== this.settings.source) {
      throw new Error(`${this.name} reads ${this.settings.source} events, not ${definition.subject}`);
    }
    this.handlers.set(definition.subject, {
      definition,
      handler: handler as unknown as EventHandler<EventDefinition>,
      stale: options.stale as unknown as EventHandler<EventDefinition> | undefined,
    });
    return this;
  }

  private get own(): SourceConsumer {
    return (this.alone ??= new SourceConsumer([this]));
  }

  /**
   * Starts reading the source's durable for this purpose alone (returns at once). A service starts its purposes
   * together instead (`startEventConsumers`): one durable per source.
   */
  start(): void {
    this.own.start();
  }

  async stop(): Promise<void> {
    await this.alone?.stop();
  }

  /** Applies a batch for this purpose alone (as `SourceConsumer.processBatch`); its outcomes, in order. */
  async processBatch(messages: ConsumedMessage[]): Promise<Outcome[]> {
    return (await this.own.processBatch(messages))[0];
  }

  /** Applies one message for this purpose alone; exposed for tests that feed the same event twice. */
  async process(message: ConsumedMessage): Promise<Outcome> {
    return (await this.own.processOne(message))[0];
  }

  /** Deliveries before an event that keeps failing goes to the dead-letter subject. */
  get maxDeliver(): number {
    return this.settings.maxDeliver ?? 20;
  }

  /** When the event loop last had a turn (`turnIfDue`). */
  private lastTurn = 0;

  /**
   * Lets the event loop run (HTTP requests, timers, NATS) once the consumer has kept it for `TURN_AFTER_MS`: after
   * every event of a slow backlog, but not after each of many quick events (a turn is a macrotask hop per event).
   */
  private turnIfDue(): Promise<void> | undefined {
    // no promise when no turn is due (most events of a quick batch)
    if (performance.now() - this.lastTurn < TURN_AFTER_MS) return undefined;
    return giveTheEventLoopATurn().then(() => {
      this.lastTurn = performance.now();
    });
  }

  /**
   * @internal The records whose versions a batch claims for this purpose before its handlers run: the first event of
   * each record among the events whose inbox row is new (`claimed`); a record's later event in the batch is claimed at
   * its turn (it depends on the earlier one's claim).
   */
  recordsToPreclaim(
    applicable: readonly Applicable[],
    claimed: ReadonlySet<string>,
  ): Array<{ item: Applicable; record: RecordVersion }> {
    const firstOfRecord: Array<{ item: Applicable; record: RecordVersion }> = [];
    const records = new Set<string>();
    for (const item of applicable) {
      if (!claimed.has(item.event.id)) continue;
      const record = this.versionedRecord(item.event);
      if (!record) continue;
      const key = `${record.aggregate}\u0000${record.aggregateId}`;
      if (records.has(key)) continue;
      records.add(key);
      firstOfRecord.push({ item, record });
    }
    return firstOfRecord;
  }

  /**
   * @internal The purpose's events of a batch in the caller's transaction, once their inbox rows are claimed
   * (`claimed`: the ids whose row is new) and the versions of their records' first events (`preclaimed`): each in turn.
   */
  async applyBatchIn(
    em: EntityManager,
    applicable: readonly Applicable[],
    claimedIds: ReadonlySet<string>,
    preclaimed: ReadonlyMap<Applicable, boolean>,
  ): Promise<Outcome[]> {
    const claimed = new Set(claimedIds);
    const results: Outcome[] = [];
    for (const item of applicable) {
      const { event, entry } = item;
      if (!claimed.delete(event.id)) {
        results.push('duplicate');
        continue;
      }
      results.push(
        await withConsumerSpan({ service: this.settings.service, durableName: this.name }, event, async (span) => {
          const result = await this.applyClaimed(em, event, entry.handler, entry.stale, preclaimed.get(item));
          span.setAttribute('shequ.outcome', result);
          return result;
        }),
      );
      // the next event's handler and version claim see this one's changes; the unit of work starts empty for
      // it (each flush compares every managed entity: a batch's entities would make the flushes quadratic). A
      // handler that wrote only plain statements left nothing to flush.
      if (!unitOfWorkIsEmpty(em)) {
        await em.flush();
        em.clear();
      }
      const turn = this.turnIfDue();
      if (turn) await turn;
    }
    return results;
  }

  /** @internal */
  announce(eventIds: string[]): void {
    if (eventIds.length > 0 && consumerCommits.listenerCount('committed') > 0)
      consumerCommits.emit('committed', { consumer: this.name, eventIds });
  }

  /**
   * @internal One message for this purpose in a transaction of its own (the message is read already: `event`, or
   * why it could not be); says what the message owes the server for this purpose.
   */
  async decide(message: ConsumedMessage, read: EventEnvelope | Error): Promise<Verdict> {
    const entry = this.handlers.get(message.subject);
    if (!entry) return { outcome: 'skipped', settle: 'ack' };
    if (read instanceof Error) return this.deadLetter(message, null, `unreadable message: ${read.message}`);
    const event = read;
    if (this.rejectForeign(message.subject, event, entry.definition)) return { outcome: 'failed', settle: 'term' };
    const problem = entry.definition.check(event.data);
    if (problem) return this.deadLetter(message, event, `payload does not match its schema: ${problem}`);
    try {
      const outcome = await withConsumerSpan(
        { service: this.settings.service, durableName: this.name },
        event,
        async (span) => {
          // a deadlock or serialisation failure is the moment's, not the event's: run again before it counts as a
          // failed delivery
          const result = await retryingConcurrencyFailures(() => this.apply(event, entry.handler, entry.stale));
          span.setAttribute('shequ.outcome', result);
          return result;
        },
      );
      if (outcome !== 'duplicate') this.announce([event.id]);
      return { outcome, settle: 'ack' };
    } catch (error) {
      const attempt = message.info.deliveryCount;
      if (attempt >= this.maxDeliver) return this.deadLetter(message, event, errorMessage(error));
      this.logger.error(
        { eventId: event.id, type: event.type, attempt, err: error },
        'handler failed; will be redelivered',
      );
      return { outcome: 'failed', settle: Math.min(30_000, 250 * 2 ** Math.min(attempt, 7)) };
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

  /**
   * Never silently: the message goes to `shequ_dead_letter.<service>.<name>` with the reason, is counted and
   * logged, and is done for this purpose (term, once the other purposes are done with it too). When the dead letter
   * cannot be published the message is kept (nak): the JetStream consumer has no delivery limit of its own, so it
   * comes back and is dead-lettered then.
   */
  private async deadLetter(
    message: Pick<JsMsg, 'subject' | 'data' | 'info'>,
    event: EventEnvelope | null,
    reason: string,
  ): Promise<Verdict> {
    const letter: DeadLetter = {
      consumer: this.name,
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
      return { outcome: 'failed', settle: 5_000 };
    }
    const type = letter.eventType ?? 'unreadable';
    this.deadLettered.set(type, (this.deadLettered.get(type) ?? 0) + 1);
    this.logger.error(
      { eventId: letter.eventId, type: letter.eventType, deliveries: letter.deliveries, reason },
      `event dead-lettered to ${deadLetterSubject(letter.service, letter.consumer)}`,
    );
    return { outcome: 'dead_lettered', settle: 'term' };
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
    if (!(await claimEvent(em, this.name, event.id, new Date()))) return 'duplicate' as const;
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
    const held = await this.hold?.(em, event);
    if (held) throw new EventHeldError(held);
    const apply = newer ?? (await this.isNewer(em, event));
    const run = apply ? handler : stale;
    await run?.(event as EventOf<EventDefinition>, { em, events });
    return apply ? ('applied' as const) : ('stale' as const);
  }

  /** The record and version this purpose claims for an event; none for events without one (they always apply). */
  private versionedRecord(event: EventEnvelope): RecordVersion | undefined {
    const definition = this.handlers.get(event.subject)?.definition;
    if (!definition || !event.aggregateId || !(event.aggregateVersion > 0)) return undefined;
    return {
      consumer: this.name,
      aggregate: `${definition.source}.${definition.aggregate}`,
      aggregateId: event.aggregateId,
      version: event.aggregateVersion,
    };
  }

  /** Claims the event's record version for this purpose; events without one (published before versions) apply. */
  private async isNewer(em: EntityManager, event: EventEnvelope): Promise<boolean> {
    const record = this.versionedRecord(event);
    return record ? claimVersion(em, record) : true;
  }
}

/**
 * A service's durable JetStream pull consumer of one source (`<service>__from__<source>`, explicit acks), read for
 * every purpose the service has for that source (`EventConsumer`s: its domain handlers, reference projection, webhook
 * feed, audit trail …): each message is fetched, parsed and checked once and offered to every purpose, and
 * acknowledged once every purpose is done with it. Each purpose passes over the messages at or below its position
 * (`ensureDurablePerSource`: where it stood when its former durable was moved into this one, or the stream's end for a
 * purpose that owes nothing for the past).
 * Batches: the events that arrived while the previous transaction ran are applied together, in stream order, in one
 * transaction — each purpose's inbox rows claimed in one statement, each event's version claim and handler in turn —
 * and then acknowledged; if any handler of the batch fails, the transaction rolls back and the batch is applied
 * message by message and purpose by purpose (each in a transaction of its own), so the failing purpose alone retries
 * the event or dead-letters it; the message comes again (nak) while a purpose still has to retry it, and the purposes
 * that applied it drop it then (inbox). The transaction is shared with the other durables of the process that have a
 * batch ready at the same moment (`SharedConsumerTransaction`); a batch rolled back by another durable's failure is
 * tried again.
 */
export class SourceConsumer {
  readonly durableName: string;
  readonly service: ServiceName;
  readonly source: ServiceName;
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly logger: Logger;
  private readonly settings: ConsumerSettings;
  /** Per purpose, the stream sequence through which it passes over messages (set when the durable is ensured). */
  private positions: number[];
  /** Transactions of more than one message and the messages they applied (to see batching at work). */
  readonly batches = { transactions: 0, events: 0 };
  /** What the server held for the durable after the last message it delivered (its `info.pending`). */
  private serverPending = 0;
  /** Messages read from the server and not yet applied (queued or in the batch being applied). */
  private unapplied = 0;

  constructor(readonly purposes: readonly EventConsumer[]) {
    if (purposes.length === 0) throw new Error('a durable per source needs at least one purpose');
    this.settings = purposes[0].settings;
    this.service = this.settings.service;
    this.source = this.settings.source;
    this.durableName = purposes[0].durableName;
    const names = new Set<string>();
    for (const purpose of purposes) {
      const s = purpose.settings;
      if (
        s.service !== this.service ||
        s.source !== this.source ||
        s.orm !== this.settings.orm ||
        s.bus !== this.settings.bus
      )
        throw new Error(`${purpose.name} does not read ${this.durableName}`);
      if (names.has(purpose.name)) throw new Error(`${purpose.name} given twice`);
      names.add(purpose.name);
    }
    this.positions = purposes.map(() => 0);
    this.logger = (this.settings.logger ?? silentLogger).child({ consumer: this.durableName });
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
   * Events of the source this durable has still to apply, as far as it knows: what the server held after the last
   * message it delivered, plus the messages read and not yet applied. 0 once it has caught up (`/metrics`:
   * `shequ_events_consumer_backlog`); a message published since the last delivery is not known until delivered.
   */
  get backlog(): number {
    return this.serverPending + this.unapplied;
  }

  /**
   * The durable's backlog as the server counts it now (`/metrics`: `shequ_events_consumer_backlog`): messages not yet
   * delivered (`num_pending`) plus those delivered and not yet acknowledged (`num_ack_pending`: queued, being applied,
   * or held back to be delivered again). 0 once caught up. The estimate `backlog` is not enough for that: it stays as
   * the last delivered message's `info.pending` left it, and was seen at 37 and 75 to apply for minutes on a durable
   * the server reported caught up (why that message's pending was not 0 is not known). When the server cannot be
   * asked (NATS away), the estimate.
   */
  async currentBacklog(): Promise<number> {
    try {
      const jsm = await this.settings.bus.jetstreamManager();
      const info = await jsm.consumers.info(STREAM_NAME, this.durableName);
      return info.num_pending + info.num_ack_pending;
    } catch {
      return this.backlog;
    }
  }

  /**
   * Consumes until stopped. A failure (a request timing out while NATS restarts, the durable consumer gone)
   * is retried with a growing pause: waiting for the next "reconnected" signal alone would hang forever when
   * the failure comes after that signal.
   */
  private async run(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.ensureDurable();
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

  /** The durable, made (or moved from the former per-purpose durables) when needed; the purposes' positions. */
  async ensureDurable(): Promise<void> {
    const positions = await ensureDurablePerSource({
      service: this.service,
      source: this.source,
      durableName: this.durableName,
      purposes: this.purposes.map((p) => ({ name: p.name, startAt: p.settings.startAt ?? 'all' })),
      orm: this.settings.orm,
      jsm: await this.settings.bus.jetstreamManager(),
      logger: this.logger,
    });
    this.positions = this.purposes.map((p) => positions.get(p.name) ?? 0);
  }

  private get batchSize(): number {
    return Math.max(...this.purposes.map((p) => p.settings.batchSize ?? 50));
  }

  /**
   * Reads messages as they come into a queue and applies what has queued up whenever the previous batch is done:
   * one event at a time at low load (no waiting for a batch to fill), larger batches when events arrive faster.
   */
  private async consumeInBatches(messages: ConsumerMessages): Promise<void> {
    const queue: JsMsg[] = [];
    this.unapplied = 0;
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
          this.serverPending = message.info.pending;
          this.unapplied += 1;
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
      try {
        await this.processBatch(batch);
      } finally {
        this.unapplied -= batch.length;
      }
      // a turn after every batch: the messages that came meanwhile are read into the queue and form the next batch
      await giveTheEventLoopATurn();
    }
    room?.();
    // stopped with messages read but not applied: hand them back at once rather than after the ack wait
    for (const message of queue.splice(0)) message.nak();
    await reader;
    this.unapplied = 0;
  }

  /** Whether purpose `i` has a handler for the message and has not passed it already. */
  private wants(i: number, message: ConsumedMessage): HandlerEntry | undefined {
    const entry = this.purposes[i].handlers.get(message.subject);
    if (!entry) return undefined;
    return this.positions[i] > 0 && message.info.streamSequence <= this.positions[i] ? undefined : entry;
  }

  /**
   * Applies a batch in one transaction, shared with the batches other durables of this process have ready (see the
   * class comment); returns each purpose's outcome of each message, in order (`[purpose][message]`).
   */
  async processBatch(messages: ConsumedMessage[]): Promise<Outcome[][]> {
    const outcomes = this.purposes.map(() => new Array<Outcome>(messages.length).fill('skipped'));
    const applicable: Applicable[][] = this.purposes.map(() => []);
    const batched: Array<{ index: number; message: ConsumedMessage }> = [];
    for (const [index, message] of messages.entries()) {
      const entries = this.purposes.map((_, i) => this.wants(i, message));
      if (entries.every((entry) => !entry)) {
        message.ack();
        continue;
      }
      // read once for every purpose
      const event = parseEnvelope(message.data);
      const fits = (entry: HandlerEntry) =>
        event !== undefined &&
        !foreignEventProblem(message.subject, event, entry.definition) &&
        !entry.definition.check(event.data);
      if (entries.some((entry) => entry && !fits(entry))) {
        // unreadable, foreign or malformed for some purpose: the single-message path drops or dead-letters it
        const one = await this.processOne(message);
        one.forEach((outcome, i) => (outcomes[i][index] = outcome));
        continue;
      }
      entries.forEach((entry, i) => {
        if (entry) applicable[i].push({ index, message, event: event!, entry });
      });
      batched.push({ index, message });
    }
    if (batched.length === 0) return outcomes;
    const work = async (em: EntityManager) => {
      // every purpose's inbox rows of the batch in one statement (each purpose its own rows: an event it applied
      // already, or twice in the batch, is its duplicate)
      const claimed = await claimEventsOf(
        em,
        this.purposes.flatMap((purpose, i) =>
          applicable[i].map(({ event }) => ({ consumer: purpose.name, eventId: event.id })),
        ),
        new Date(),
      );
      const claimedOf = this.purposes.map((purpose) => claimed.get(purpose.name) ?? new Set<string>());
      // the version claims of each purpose's records in one statement too (each purpose its own rows)
      const toClaim = this.purposes.map((purpose, i) => purpose.recordsToPreclaim(applicable[i], claimedOf[i]));
      const all = toClaim.flat();
      const preclaimed = new Map<Applicable, boolean>();
      if (all.length > 1) {
        const newer = await claimVersions(
          em,
          all.map(({ record }) => record),
        );
        all.forEach(({ item }, j) => preclaimed.set(item, newer[j]));
      }
      const results: Outcome[][] = [];
      for (const [i, purpose] of this.purposes.entries())
        results.push(
          applicable[i].length > 0 ? await purpose.applyBatchIn(em, applicable[i], claimedOf[i], preclaimed) : [],
        );
      return results;
    };
    let applied: Outcome[][] | undefined;
    for (let attempt = 0, conflicts = 0; applied === undefined; attempt++) {
      try {
        applied =
          this.settings.shareTransactions === false
            ? await inTransaction(this.settings.orm, work)
            : await sharedConsumerTransaction(this.settings.orm).run(work);
      } catch (error) {
        // another durable's event failed in the shared transaction: this batch is not at fault, once more
        if (error instanceof SharedTransactionFailed && !error.culprit && attempt === 0) continue;
        // the database aborted the transaction as a deadlock or serialisation failure: nothing was written and no
        // event is at fault, so the whole batch runs again (a few times, after a pause) before it is taken apart
        // and its events' deliveries start to count toward the dead-letter subject
        if (
          isConcurrencyFailure(error instanceof SharedTransactionFailed ? error.cause : error) &&
          conflicts < CONCURRENCY_RETRIES
        ) {
          this.logger.warn({ events: batched.length, conflicts }, 'batch aborted by a concurrent transaction; again');
          await concurrencyPause(conflicts++);
          continue;
        }
        if (batched.length > 1 || this.purposes.length > 1)
          this.logger.warn(
            { events: batched.length, err: error instanceof SharedTransactionFailed ? error.cause : error },
            'a handler failed in a batch; applying its events one by one',
          );
        for (const { index, message } of batched) {
          const one = await this.processOne(message);
          one.forEach((outcome, i) => (outcomes[i][index] = outcome));
        }
        return outcomes;
      }
    }
    if (batched.length > 1) {
      this.batches.transactions += 1;
      this.batches.events += batched.length;
    }
    for (const [i, purpose] of this.purposes.entries()) {
      if (applicable[i].length > 1) {
        purpose.batches.transactions += 1;
        purpose.batches.events += applicable[i].length;
      }
      purpose.announce(applicable[i].map(({ event }) => event.id).filter((_, j) => applied[i][j] !== 'duplicate'));
      applicable[i].forEach(({ index }, j) => (outcomes[i][index] = applied[i][j]));
    }
    for (const { message } of batched) message.ack();
    return outcomes;
  }

  /**
   * One message, purpose by purpose, each in a transaction of its own; then the message is acknowledged when every
   * purpose is done with it, terminated when one dropped or dead-lettered it, or delivered again (nak) while one still
   * has to retry it. Returns each purpose's outcome.
   */
  async processOne(message: ConsumedMessage): Promise<Outcome[]> {
    let read: EventEnvelope | Error | undefined;
    const verdicts: Verdict[] = [];
    for (const [i, purpose] of this.purposes.entries()) {
      if (!this.wants(i, message)) {
        verdicts.push({ outcome: 'skipped', settle: 'ack' });
        continue;
      }
      read ??= readEnvelope(message.data);
      verdicts.push(await purpose.decide(message, read));
    }
    const retry = verdicts.map((v) => v.settle).filter((s): s is number => typeof s === 'number');
    if (retry.length > 0) message.nak(Math.max(...retry));
    else if (verdicts.some((v) => v.settle === 'term')) message.term();
    else message.ack();
    return verdicts.map((v) => v.outcome);
  }
}

/**
 * Starts a service's purposes (`EventConsumer`s) with one durable per source: the purposes of one source share its
 * `SourceConsumer`. Returns the durables (to stop them).
 */
export function startEventConsumers(purposes: readonly EventConsumer[]): SourceConsumer[] {
  const groups = new Map<string, EventConsumer[]>();
  for (const purpose of purposes) {
    const group = groups.get(purpose.durableName);
    if (group) group.push(purpose);
    else groups.set(purpose.durableName, [purpose]);
  }
  const durables = [...groups.values()].map((group) => new SourceConsumer(group));
  for (const durable of durables) durable.start();
  return durables;
}

function readEnvelope(data: Uint8Array): EventEnvelope | Error {
  try {
    return JSON.parse(utf8.decode(data)) as EventEnvelope;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function parseEnvelope(data: Uint8Array): EventEnvelope | undefined {
  try {
    return JSON.parse(utf8.decode(data)) as EventEnvelope;
  } catch {
    return undefined;
  }
}

/** A dead letter's reason: the error's message without the values of the data it was about (`messageWithoutValues`). */
function errorMessage(error: unknown): string {
  return messageWithoutValues(error instanceof Error ? error.message : String(error));
}
