import { AsyncResource } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import type { EntityManager, EventSubscriber, MikroORM } from '@mikro-orm/core';
import { DeliverPolicy } from '@nats-io/jetstream';
import { STREAM_NAME, SUBJECT_PREFIX } from '@shequ/contracts';
import { executePlain } from '@shequ/database';
import { outboxWrites, type WrittenOutboxRow } from './aggregate-version.js';
import { OutboxMessage } from './outbox-message.js';
import type { NatsBus } from './nats-bus.js';
import { silentLogger, type Logger } from './silent-logger.js';

export interface RelaySettings {
  orm: MikroORM;
  bus: NatsBus;
  logger?: Logger;
  /** Rows per read of the table and per "sent" mark (default 200). */
  batchSize?: number;
  /** Most publishes awaiting their acknowledgement at once (default 1,000). */
  maxInFlight?: number;
  /**
   * Hand-overs are published at most once per this interval (default 2 ms): a commit after a quiet spell goes out at
   * once; a commit that ends sooner after the last publishing write waits for the rest of the interval (or for the
   * next acknowledgement, if one comes back first), and the commits that end meanwhile leave with it, in commit
   * order: one socket write (and one read of the acknowledgements) for several messages instead of one each, in the
   * relay, the server and the consumers. 0 publishes every commit on its own (lowest latency, a write per commit:
   * measured +0.2 ms of CPU per event in the publishing and in the consuming service on the 2-core sandbox); larger
   * saves writes and adds up to this much latency.
   */
  gatherMs?: number;
  /**
   * Safety-net poll for rows no commit of this process handed over (other processes, replicas); the commits of this
   * process hand their rows to the relay straight away. Default 1 s.
   */
  pollIntervalMs?: number;
  /** Lock the rows a read of the table publishes (`SELECT … FOR UPDATE`) so replicas never publish the same rows. */
  lockRows?: boolean;
  /**
   * Acknowledged rows wait at most this long to be marked sent together (default 10 ms; at once when a batch is full):
   * one statement for the acknowledgements of several commits instead of one per few. A row acknowledged and not yet
   * marked is under way (no read of the table publishes it again); after a crash the next start finds it in the
   * stream (`markAlreadyPublished`), and the server's duplicate window drops a repeat.
   */
  markDelayMs?: number;
  /**
   * Tests only: wait this long after a publish's acknowledgement before marking its row sent, so a test can kill the
   * process between the two (`SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS`). Default 0.
   */
  pauseAfterPublishMs?: number;
}

/**
 * For measurements (the events benchmark): `published` (`eventIds`, time) when the relay began handing rows
 * to the connection (the instant its pacing counts from), `acked` (`eventId`, time) when JetStream has
 * acknowledged one. Emitted only while someone listens.
 */
export const relayPublishes = new EventEmitter();

const now = () => performance.timeOrigin + performance.now();

/**
 * The async context of no request and no transaction (this module's evaluation). A commit hands its rows over from
 * inside its transaction's async context (MikroORM's `TransactionContext`, a request's context): everything the relay
 * starts from there — the publish, its promise awaiting the ack, the socket writes, the "sent" marks — would carry
 * that context and keep the committed transaction's EntityManager (identity map, loaders, unit of work: ~8 KB per
 * event) alive until the ack. Under load (1,000 events/s, acks ~1 s behind) that was 10–25 MB of residents' heap.
 */
const outsideAnyTransaction = new AsyncResource('OutboxRelay');

/** A row on its way: queued, in flight, or acknowledged and waiting for its "sent" mark. */
interface Publication {
  row: PendingRow;
  /** Called once the row is marked sent (true) or was not published (false): the table reads wait for their rows. */
  settle?: (sent: boolean) => void;
  /** A locked read of the table marks the row itself, in the transaction that holds the lock. */
  markedByReader?: boolean;
}

/**
 * Publishes outbox rows to JetStream, `msgID` = event id, and marks them sent once acknowledged.
 *
 * Pipelined: a transaction that wrote outbox rows hands them to the relay when it commits (an in-process hand-over,
 * no read of the table), and they are published at once (or with the other commits of the same `gatherMs`), in commit
 * order, on the one connection, without waiting for earlier publishes' acknowledgements (up to `maxInFlight` at a
 * time) nor for earlier rows' "sent" marks; the acknowledged rows are marked sent in batches, one statement at a time,
 * beside the publishing. JetStream stores the messages of one connection in the order they were sent, so the events
 * of a record reach the stream in version order (consumers additionally apply only newer versions, see
 * `EventConsumer`).
 *
 * The table stays the source of truth: a row is marked sent only after its acknowledgement; a read of the table
 * (`publishPending`: at start, after a reconnection or a failed publish, for rows other processes wrote, and every
 * `pollIntervalMs`) publishes whatever is unsent and not already under way. Hand-overs are published directly only
 * while the relay is caught up (the last read of the table found nothing it had not published, and no hand-over was
 * passed over since): otherwise a commit's rows could overtake older unsent rows of the same record, so they wait
 * for the next read, which follows at once. A failed publish leaves its row unsent (attempts and error recorded),
 * drops what was queued after it and backs off until the next poll; the next read publishes the rows again with the
 * same message id, so the server drops any it had stored already (exactly once, with `markAlreadyPublished` after a
 * restart or reconnection).
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  /** After a failed publish, only the poll timer retries (no hot loop while JetStream refuses). */
  private backoffUntil = 0;
  /** The relay's own EntityManagers: their flushes must not wake the relay again. */
  private readonly ownManagers = new WeakSet<object>();
  /** Transactions that flushed outbox rows through the unit of work and have not committed yet: their commit kicks. */
  private readonly awaitingCommit = new WeakSet<object>();
  /** Transactions that inserted outbox rows (aggregate-version.ts): their commit hands the rows over. */
  private readonly handedOver = new WeakMap<object, PendingRow[]>();
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly maxInFlight: number;
  private readonly gatherMs: number;
  private readonly markDelayMs: number;
  /** False after start and after every reconnection: the next pass first checks what the stream already has. */
  private reconciled = false;
  /** True while hand-overs may be published directly (see the class comment). */
  private caughtUp = false;
  /** Hand-overs passed over to the next read of the table (a read started before one cannot claim to be caught up). */
  private passedOver = 0;
  /** Ids queued, in flight, or acknowledged and not yet marked: a read of the table leaves them alone. */
  private readonly underWay = new Set<string>();
  private queue: Publication[] = [];
  private queueHead = 0;
  private inFlight = 0;
  private acknowledged: Publication[] = [];
  private marking: Promise<void> | undefined;
  /** The gathering of acknowledgements before the next "sent" mark (`markDelayMs`). */
  private markTimer: NodeJS.Timeout | undefined;
  /** Bookkeeping statements after a failed publish (attempts, error), awaited by `stop`. */
  private readonly background = new Set<Promise<unknown>>();
  private idleWaiters: (() => void)[] = [];
  /** Statements that marked acknowledged rows sent (to see the gathering of `markDelayMs` at work). */
  readonly stats = { markStatements: 0 };

  constructor(private readonly settings: RelaySettings) {
    this.logger = settings.logger ?? silentLogger;
    this.batchSize = settings.batchSize ?? 200;
    this.maxInFlight = settings.maxInFlight ?? 1_000;
    this.gatherMs = settings.gatherMs ?? 2;
    this.markDelayMs = settings.markDelayMs ?? 10;
  }

  start(): void {
    this.stopped = false;
    const subscriber: EventSubscriber = {
      getSubscribedEntities: () => [OutboxMessage],
      // Flush events fire for every flush: act only when this one wrote outbox rows through the unit of work (the
      // rows written apart from it come through `outboxWrites`). Inside a transaction the rows are not visible to
      // the relay before the commit, so the commit wakes it; a flush in its own (implicit) transaction has committed.
      afterFlush: (args) => {
        if (this.ownManagers.has(args.em)) return;
        if (!args.uow.getChangeSets().some((change) => change.entity instanceof OutboxMessage)) return;
        if (args.em.isInTransaction()) this.awaitingCommit.add(args.em);
        else this.readTableSoon();
      },
      afterTransactionCommit: (args) => {
        const rows = this.handedOver.get(args.em);
        if (rows) {
          this.handedOver.delete(args.em);
          outsideAnyTransaction.runInAsyncScope(() => this.handOver(rows));
        }
        if (!this.awaitingCommit.has(args.em)) return;
        this.awaitingCommit.delete(args.em);
        outsideAnyTransaction.runInAsyncScope(() => this.readTableSoon());
      },
      afterTransactionRollback: (args) => {
        this.awaitingCommit.delete(args.em);
        this.handedOver.delete(args.em);
      },
    };
    this.settings.orm.em.getEventManager().registerSubscriber(subscriber);
    // rows inserted apart from the unit of work (aggregate-version.ts) are handed over by that transaction's commit
    const written = (em: EntityManager, rows: readonly WrittenOutboxRow[]) => {
      // an EntityManager of this ORM (a transaction's fork has a copy of its event manager, with this subscriber)
      if (this.ownManagers.has(em) || !em.getEventManager().getSubscribers().has(subscriber)) return;
      if (!em.isInTransaction()) {
        this.readTableSoon();
        return;
      }
      const pending = this.handedOver.get(em);
      if (pending) pending.push(...rows);
      else this.handedOver.set(em, [...rows]);
    };
    outboxWrites.on('written', written);
    const unsubscribeBus = this.settings.bus.onConnected(() => {
      this.reconciled = false;
      this.caughtUp = false;
      this.kick(true);
    });
    this.unsubscribe = () => {
      outboxWrites.off('written', written);
      unsubscribeBus();
    };
    this.timer = setInterval(() => this.kick(true), this.settings.pollIntervalMs ?? 1_000);
    this.timer.unref();
    this.kick();
  }

  /** Ask for a read of the table soon; reads never overlap, a kick during one causes one more. */
  kick(force = false): void {
    if (this.stopped || (!force && Date.now() < this.backoffUntil)) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = outsideAnyTransaction
      .runInAsyncScope(() => this.publishPending())
      .catch((error) => {
        this.logger.error({ err: error }, 'outbox relay pass failed');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.kick());
        }
      });
  }

  /** Stops polling; waits for the read under way and for the publishes in flight; pending rows stay for next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    clearTimeout(this.pumpTimer);
    this.pumpScheduled = false;
    this.unsubscribe?.();
    await this.running;
    this.dropQueued();
    await this.idle();
    await Promise.allSettled([...this.background]);
  }

  /**
   * Reads the table and publishes every unsent row that is not under way already; returns how many of those were
   * published and marked sent.
   */
  async publishPending(): Promise<number> {
    let total = 0;
    if (!this.reconciled && this.settings.bus.isConnected) {
      await this.markAlreadyPublished();
      this.reconciled = true;
    }
    let after = '';
    while (this.settings.bus.isConnected) {
      const passedOver = this.passedOver;
      const { sent, fetched, last, failed } = await this.readAndPublish(after);
      total += sent;
      if (failed) break;
      if (fetched < this.batchSize) {
        // everything committed before this read is published or under way: commits from now on go straight out,
        // unless one was passed over while the read ran (its rows may be invisible to the read: read again)
        this.backoffUntil = 0;
        if (this.passedOver === passedOver) this.caughtUp = true;
        else this.again = true;
        break;
      }
      after = last;
    }
    if (total > 0) this.logger.debug({ sent: total }, 'outbox rows published');
    return total;
  }

  /**
   * Exactly once as seen from outside: a process killed after publishing but before marking its rows sent
   * (or a publish whose answer was lost in a reconnection) leaves rows that are in the stream already. Before
   * publishing again, the relay reads the stream for this service's messages since the oldest pending row was
   * written and marks the rows it finds there (by `Nats-Msg-Id` = event id) as sent, however long ago that was:
   * unlike the server's duplicate window, this does not depend on how long the outage lasted.
   * Returns how many rows were found already published.
   */
  async markAlreadyPublished(): Promise<number> {
    const em = this.settings.orm.em.fork();
    this.ownManagers.add(em);
    const oldest = await em.findOne(OutboxMessage, { sentAt: null }, { orderBy: { id: 'asc' } });
    if (!oldest) return 0;
    const service = oldest.subject.split('.')[1];
    const consumer = await this.settings.bus.jetstream().consumers.get(STREAM_NAME, {
      filter_subjects: `${SUBJECT_PREFIX}.${service}.>`,
      deliver_policy: DeliverPolicy.StartTime,
      // a margin for clocks of replicas that differ a little
      opt_start_time: new Date(oldest.createdAt.getTime() - 60_000).toISOString(),
    });
    const published: string[] = [];
    for (let done = false; !done;) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 1_000 });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        const id = message.headers?.get('Nats-Msg-Id');
        if (id) published.push(id);
        if (message.info.pending === 0) {
          // the stream holds nothing newer: stop here rather than wait out the fetch's expiry (it delayed the
          // backlog after a NATS restart, a revocation among it, by a second)
          done = true;
          break;
        }
      }
      if (received === 0) done = true;
    }
    let marked = 0;
    for (let i = 0; i < published.length; i += 500) {
      marked += await em.nativeUpdate(
        OutboxMessage,
        { id: { $in: published.slice(i, i + 500) }, sentAt: null },
        { sentAt: new Date() },
      );
    }
    if (marked > 0) this.logger.warn({ rows: marked }, 'outbox rows found in the stream already; not published again');
    return marked;
  }

  /** A read of the table was asked for: commits are no longer handed straight out until it has run. */
  private readTableSoon(): void {
    this.caughtUp = false;
    this.passedOver += 1;
    this.kick();
  }

  /** The rows a committed transaction wrote, in the order it wrote them. */
  private handOver(rows: readonly PendingRow[]): void {
    if (this.stopped) return;
    if (!this.caughtUp || !this.settings.bus.isConnected || Date.now() < this.backoffUntil) {
      // older rows may wait in the table: this commit's rows go out after them, with the next read
      this.readTableSoon();
      return;
    }
    for (const row of rows) {
      if (this.underWay.has(row.id)) continue;
      this.underWay.add(row.id);
      this.queue.push({ row });
    }
    // at most one publishing write per `gatherMs`: a commit after a quiet spell goes out at once; one that ends sooner
    // after the last write waits for the rest of the interval or for the next acknowledgement, whichever comes first
    // (its read wakes the relay anyway), and the commits that end meanwhile leave with it, in the order they committed
    // (at 1,000 commits/s, one a millisecond, a write, an acknowledgement to read and a consumer batch per event were
    // a cost per event that batches do not pay)
    // A pump already due goes now, without waiting for its timer: commits that follow one another in the microtask
    // queue (units of work awaited in a loop, a backlog) hold every timer back until the run ends, and their events
    // with it: the consumers then only start once the producing is over.
    const wait = this.gatherMs - (performance.now() - this.lastPump);
    if (wait <= 0) this.pump();
    else this.pumpSoon(wait);
  }

  /** A pump is scheduled (`pumpTimer`): hand-overs join the queue and leave with it. */
  private pumpScheduled = false;
  private pumpTimer: NodeJS.Timeout | undefined;
  private lastPump = -Infinity;

  private pumpSoon(wait: number): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    this.pumpTimer = setTimeout(() => this.pumpWhenDue(), Math.ceil(wait));
  }

  /**
   * The interval's timer: a timer can fire before its time by the clock the relay measures with (libuv counts from
   * the clock it read when the event loop's turn began, and a long turn — commits awaited one after another — leaves
   * it behind; whole milliseconds besides), so what is left of the interval is waited for again.
   */
  private pumpWhenDue(): void {
    this.pumpTimer = undefined;
    const wait = this.gatherMs - (performance.now() - this.lastPump);
    if (wait > 0) {
      this.pumpTimer = setTimeout(() => this.pumpWhenDue(), Math.ceil(wait));
      return;
    }
    this.pumpScheduled = false;
    this.pump();
  }

  /**
   * One read of the table (rows after `after` in id order, at most a batch), its rows not under way published;
   * waits until they are marked sent (or failed), so a locked read holds its lock until then.
   */
  private async readAndPublish(
    after: string,
  ): Promise<{ sent: number; fetched: number; last: string; failed: boolean }> {
    const em = this.settings.orm.em.fork();
    this.ownManagers.add(em);
    const lock = this.settings.lockRows ?? false;
    const pass = async (tx: typeof em) => {
      // plain statements, no entities, the same texts every time (SQLite keeps them prepared); the ids first, from
      // the pending index alone: under load most unsent rows are under way (in flight or waiting for their mark)
      const rows = await executePlain<{ id: string }>(
        tx,
        `select id from outbox_message where sent_at is null and id > ? order by id limit ?${lock ? ' for update' : ''}`,
        [after, this.batchSize],
      );
      if (rows.length === 0) return { sent: 0, fetched: 0, last: after, failed: false };
      const mine = await pendingRows(
        tx,
        rows.map((row) => row.id).filter((id) => !this.underWay.has(id)),
      );
      const outcomes = mine.map((row) => {
        this.underWay.add(row.id);
        return new Promise<boolean>((settle) => this.queue.push({ row, settle, markedByReader: lock }));
      });
      this.pump();
      const published = await Promise.all(outcomes);
      const sent = published.filter(Boolean).length;
      if (lock) {
        // the locked rows were acknowledged: mark them in the transaction that holds their lock
        const ids = mine.filter((_, i) => published[i]).map((row) => row.id);
        const pause = this.settings.pauseAfterPublishMs ?? 0;
        if (pause > 0 && ids.length > 0) await new Promise((resolve) => setTimeout(resolve, pause));
        try {
          if (ids.length > 0) await markSent(tx, ids, new Date());
        } finally {
          for (const id of ids) this.underWay.delete(id);
        }
      }
      return { sent, fetched: rows.length, last: rows[rows.length - 1].id, failed: sent < mine.length };
    };
    return lock ? em.transactional((tx) => (this.ownManagers.add(tx), pass(tx))) : pass(em);
  }

  /** Publishes queued rows in order while the window has room; acknowledgements and failures come back here. */
  private pump(): void {
    // most calls come from acknowledgements, with nothing queued
    if (this.queueHead >= this.queue.length) return;
    // what waited for the interval leaves now (an acknowledgement came back first): its timer has nothing left to do
    if (this.pumpScheduled) {
      clearTimeout(this.pumpTimer);
      this.pumpTimer = undefined;
      this.pumpScheduled = false;
    }
    if (this.inFlight >= this.maxInFlight) return;
    const started = performance.now();
    this.lastPump = started;
    const announce = relayPublishes.listenerCount('published') > 0 ? ([] as string[]) : undefined;
    while (this.queueHead < this.queue.length && this.inFlight < this.maxInFlight) {
      const publication = this.queue[this.queueHead];
      this.queue[this.queueHead++] = undefined as unknown as Publication;
      this.inFlight += 1;
      announce?.push(publication.row.id);
      // the message is written to the connection before `publish` returns its promise: calls keep their order
      this.settings.bus.publishThen(publication.row.subject, publication.row.payload, publication.row.id, (error) =>
        error ? this.refused(publication, error) : this.acknowledge(publication),
      );
    }
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    }
    if (announce && announce.length > 0) relayPublishes.emit('published', announce, performance.timeOrigin + started);
  }

  private acknowledge(publication: Publication): void {
    this.inFlight -= 1;
    if (relayPublishes.listenerCount('acked') > 0) relayPublishes.emit('acked', publication.row.id, now());
    if (publication.markedByReader) publication.settle?.(true);
    else {
      this.acknowledged.push(publication);
      this.markSoon();
    }
    this.pump();
    this.notifyIfIdle();
  }

  /**
   * A refused publish: its row stays unsent (attempts and error recorded), what was queued behind it is dropped, and
   * the relay backs off until the poll; the next read of the table publishes them again, with the same message ids.
   */
  private refused(publication: Publication, error: unknown): void {
    this.inFlight -= 1;
    const { row } = publication;
    this.underWay.delete(row.id);
    // one warning per back-off (the publishes in flight behind a refused one usually fail with it)
    if (Date.now() >= this.backoffUntil)
      this.logger.warn({ eventId: row.id, err: error }, 'publish failed; the row waits for the next pass');
    this.caughtUp = false;
    this.backoffUntil = Date.now() + (this.settings.pollIntervalMs ?? 1_000);
    this.dropQueued();
    const em = this.settings.orm.em.fork();
    this.ownManagers.add(em);
    const recorded = executePlain(em, 'update outbox_message set attempts = ?, last_error = ? where id = ?', [
      Number(row.attempts ?? 0) + 1,
      error instanceof Error ? error.message : String(error),
      row.id,
    ])
      .catch((failure: unknown) => this.logger.warn({ eventId: row.id, err: failure }, 'could not record the failure'))
      .finally(() => this.background.delete(recorded));
    this.background.add(recorded);
    publication.settle?.(false);
    this.notifyIfIdle();
  }

  /** Forgets what is queued and not yet published (the rows stay unsent in the table). */
  private dropQueued(): void {
    const dropped = this.queue.slice(this.queueHead);
    this.queue = [];
    this.queueHead = 0;
    for (const publication of dropped) {
      this.underWay.delete(publication.row.id);
      publication.settle?.(false);
    }
  }

  /**
   * Marks acknowledged rows sent, a batch per statement, one statement at a time, beside the publishing; gathers the
   * acknowledgements of `markDelayMs` first, unless a batch is full.
   */
  private markSoon(): void {
    if (this.marking) return;
    const full = this.acknowledged.length >= this.batchSize;
    if (this.markTimer) {
      if (!full) return;
      clearTimeout(this.markTimer);
      this.markTimer = undefined;
    } else if (!full && this.markDelayMs > 0) {
      this.markTimer = setTimeout(() => {
        this.markTimer = undefined;
        this.markNow();
      }, this.markDelayMs);
      return;
    }
    this.markNow();
  }

  private markNow(): void {
    if (this.marking || this.acknowledged.length === 0) return;
    this.marking = this.markAcknowledged().finally(() => {
      this.marking = undefined;
      if (this.acknowledged.length > 0) this.markSoon();
      else this.notifyIfIdle();
    });
  }

  private async markAcknowledged(): Promise<void> {
    const em = this.settings.orm.em.fork();
    this.ownManagers.add(em);
    while (this.acknowledged.length > 0) {
      const pause = this.settings.pauseAfterPublishMs ?? 0;
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      const batch = this.acknowledged.splice(0, this.batchSize);
      let marked = false;
      this.stats.markStatements += 1;
      try {
        await markSent(
          em,
          batch.map((publication) => publication.row.id),
          new Date(),
        );
        marked = true;
      } catch (error) {
        // published but not marked: the next read publishes them again, and the server drops the repeats
        this.logger.warn({ rows: batch.length, err: error }, 'could not mark published rows sent');
      }
      for (const publication of batch) {
        this.underWay.delete(publication.row.id);
        publication.settle?.(marked);
      }
    }
  }

  /** Resolves when nothing is queued, in flight or waiting for its mark. */
  private idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return (
      this.queueHead >= this.queue.length && this.inFlight === 0 && this.acknowledged.length === 0 && !this.marking
    );
  }

  private notifyIfIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** An outbox row waiting to be published, as the relay reads it or a commit hands it over. */
interface PendingRow {
  id: string;
  subject: string;
  payload: string;
  attempts?: number | string;
}

/**
 * The unsent rows among `ids` (in id order) with what publishing needs, in statements of a power-of-two number of ids
 * (the list padded with its last id), so SQLite keeps the few texts prepared.
 */
async function pendingRows(em: EntityManager, ids: readonly string[]): Promise<PendingRow[]> {
  const rows: PendingRow[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_READ) {
    const chunk = ids.slice(i, i + MAX_IDS_PER_READ);
    let size = 1;
    while (size < chunk.length) size *= 2;
    const padded = [...chunk, ...new Array<string>(size - chunk.length).fill(chunk[chunk.length - 1])];
    rows.push(
      ...(await executePlain<PendingRow>(
        em,
        `select id, subject, payload, attempts from outbox_message where sent_at is null and id in (${padded.map(() => '?').join(', ')}) order by id`,
        padded,
      )),
    );
  }
  return rows;
}

const MAX_IDS_PER_READ = 256;

/**
 * Marks published rows sent in one statement; its text depends only on how many rows (at most a batch), so SQLite
 * keeps the few texts a steady load uses prepared.
 */
async function markSent(em: EntityManager, ids: readonly string[], at: Date): Promise<void> {
  await executePlain(em, `update outbox_message set sent_at = ? where id in (${ids.map(() => '?').join(', ')})`, [
    at,
    ...ids,
  ]);
}
