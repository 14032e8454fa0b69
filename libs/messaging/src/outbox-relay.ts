import type { EntityManager, EventSubscriber, MikroORM } from '@mikro-orm/core';
import { DeliverPolicy } from '@nats-io/jetstream';
import { STREAM_NAME, SUBJECT_PREFIX } from '@shequ/contracts';
import { executePlain } from '@shequ/database';
import { outboxWrites } from './aggregate-version.js';
import { OutboxMessage } from './outbox-message.js';
import type { NatsBus } from './nats-bus.js';
import { silentLogger, type Logger } from './silent-logger.js';

export interface RelaySettings {
  orm: MikroORM;
  bus: NatsBus;
  logger?: Logger;
  batchSize?: number;
  /**
   * Safety-net poll for rows no commit of this process announced (other processes, replicas); the commits of this
   * process wake the relay straight away. Default 1 s.
   */
  pollIntervalMs?: number;
  /** Lock the batch (`SELECT … FOR UPDATE`) so replicas never publish the same rows: for PostgreSQL. */
  lockRows?: boolean;
  /**
   * Tests only: wait this long after publishing a batch before marking it sent, so a test can kill the process
   * between the two (`SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS`). Default 0.
   */
  pauseAfterPublishMs?: number;
}

/**
 * Publishes outbox rows to JetStream in commit order, `msgID` = event id, and marks them sent.
 * Woken by the commit: a transaction that wrote outbox rows kicks the relay once it has committed (an in-process
 * signal, no polling delay); a slow poll remains for rows other processes wrote. A batch is published with its
 * acknowledgements in flight together (the messages leave in order on the one connection), then the rows up to
 * the first refused one are marked sent in one statement. While NATS is down the rows wait; a failed publish ends
 * the pass so the failed row and everything after it are tried again (the server drops repeats by message id).
 * On PostgreSQL the batch is locked (`FOR UPDATE`) so replicas never publish the same rows at once.
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
  /** Transactions that flushed outbox rows and have not committed yet: their commit wakes the relay. */
  private readonly awaitingCommit = new WeakSet<object>();
  private readonly logger: Logger;
  private readonly batchSize: number;
  /** False after start and after every reconnection: the next pass first checks what the stream already has. */
  private reconciled = false;

  constructor(private readonly settings: RelaySettings) {
    this.logger = settings.logger ?? silentLogger;
    this.batchSize = settings.batchSize ?? 200;
  }

  start(): void {
    this.stopped = false;
    const subscriber: EventSubscriber = {
      getSubscribedEntities: () => [OutboxMessage],
      // Flush events fire for every flush: act only when this one wrote outbox rows. Inside a transaction the rows
      // are not visible to the relay before the commit, so the commit wakes it; a flush in its own (implicit)
      // transaction has committed already.
      afterFlush: (args) => {
        if (this.ownManagers.has(args.em)) return;
        if (!args.uow.getChangeSets().some((change) => change.entity instanceof OutboxMessage)) return;
        if (args.em.isInTransaction()) this.awaitingCommit.add(args.em);
        else this.kick();
      },
      afterTransactionCommit: (args) => {
        if (!this.awaitingCommit.has(args.em)) return;
        this.awaitingCommit.delete(args.em);
        this.kick();
      },
      afterTransactionRollback: (args) => {
        this.awaitingCommit.delete(args.em);
      },
    };
    this.settings.orm.em.getEventManager().registerSubscriber(subscriber);
    // rows inserted apart from the unit of work (aggregate-version.ts) wake the relay the same way
    const written = (em: EntityManager) => {
      // an EntityManager of this ORM (a transaction's fork has a copy of its event manager, with this subscriber)
      if (this.ownManagers.has(em) || !em.getEventManager().getSubscribers().has(subscriber)) return;
      if (em.isInTransaction()) this.awaitingCommit.add(em);
      else this.kick();
    };
    outboxWrites.on('written', written);
    const unsubscribeBus = this.settings.bus.onConnected(() => {
      this.reconciled = false;
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

  /** Ask for a pass soon; passes never overlap, a kick during a pass causes one more. */
  kick(force = false): void {
    if (this.stopped || (!force && Date.now() < this.backoffUntil)) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.publishPending()
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

  /** Stops polling after the pass under way; pending rows stay for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running;
  }

  /** Publishes everything pending now; returns how many rows were sent. */
  async publishPending(): Promise<number> {
    let total = 0;
    if (!this.reconciled && this.settings.bus.isConnected) {
      await this.markAlreadyPublished();
      this.reconciled = true;
    }
    while (this.settings.bus.isConnected) {
      const { sent, fetched, failed } = await this.publishBatch();
      total += sent;
      if (failed) this.backoffUntil = Date.now() + (this.settings.pollIntervalMs ?? 1_000);
      if (failed || fetched < this.batchSize) break;
    }
    if (total > 0) this.logger.debug({ sent: total }, 'outbox rows published');
    return total;
  }

  /**
   * Exactly once as seen from outside: a process killed after publishing but before marking its batch sent
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

  private async publishBatch(): Promise<{ sent: number; fetched: number; failed: boolean }> {
    const em = this.settings.orm.em.fork();
    this.ownManagers.add(em);
    const lock = this.settings.lockRows ?? false;
    const pass = async (tx: typeof em) => {
      // plain statements, no entities: the relay reads and marks rows on every commit (one or a few rows at a time
      // under a steady load), and the texts stay the same, so SQLite keeps them prepared
      const rows = await executePlain<PendingRow>(
        tx,
        `select id, subject, payload, attempts from outbox_message where sent_at is null order by id limit ?${lock ? ' for update' : ''}`,
        [this.batchSize],
      );
      if (rows.length === 0) return { sent: 0, fetched: 0, failed: false };
      // every publish of the batch in flight at once; the acknowledgements are awaited together
      const outcomes = await Promise.allSettled(
        rows.map((row) => this.settings.bus.publish(row.subject, row.payload, row.id)),
      );
      const pause = this.settings.pauseAfterPublishMs ?? 0;
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      const refused = outcomes.findIndex((outcome) => outcome.status === 'rejected');
      const sent = refused === -1 ? rows.length : refused;
      if (sent > 0)
        await markSent(
          tx,
          rows.slice(0, sent).map((row) => row.id),
          new Date(),
        );
      if (refused !== -1) {
        const row = rows[refused];
        const error = (outcomes[refused] as PromiseRejectedResult).reason as unknown;
        this.logger.warn({ eventId: row.id, err: error }, 'publish failed; the row waits for the next pass');
        await executePlain(tx, 'update outbox_message set attempts = ?, last_error = ? where id = ?', [
          Number(row.attempts) + 1,
          error instanceof Error ? error.message : String(error),
          row.id,
        ]);
      }
      return { sent, fetched: rows.length, failed: refused !== -1 };
    };
    return lock ? em.transactional((tx) => (this.ownManagers.add(tx), pass(tx))) : pass(em);
  }
}

/** An outbox row waiting to be published, as the relay reads it. */
interface PendingRow {
  id: string;
  subject: string;
  payload: string;
  attempts: number | string;
}

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
