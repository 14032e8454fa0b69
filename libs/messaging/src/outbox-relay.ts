import { LockMode, type MikroORM } from '@mikro-orm/core';
import { DeliverPolicy } from '@nats-io/jetstream';
import { STREAM_NAME, SUBJECT_PREFIX } from '@shequ/contracts';
import { OutboxMessage } from './outbox-message.js';
import type { NatsBus } from './nats-bus.js';
import { silentLogger, type Logger } from './silent-logger.js';

export interface RelaySettings {
  orm: MikroORM;
  bus: NatsBus;
  logger?: Logger;
  batchSize?: number;
  /** Safety-net poll; commits also wake the relay straight away. */
  pollIntervalMs?: number;
  /** Lock the batch (`SELECT … FOR UPDATE`) so replicas never publish the same rows: for PostgreSQL. */
  lockRows?: boolean;
}

/**
 * Publishes outbox rows to JetStream in commit order, `msgID` = event id, and marks them sent.
 * While NATS is down the rows wait; a failed publish stops the pass so order is kept.
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
    this.settings.orm.em.getEventManager().registerSubscriber({
      getSubscribedEntities: () => [OutboxMessage],
      // Flush events fire for every flush: wake up only when this one wrote outbox rows.
      afterFlush: (args) => {
        if (this.ownManagers.has(args.em)) return;
        if (args.uow.getChangeSets().some((change) => change.entity instanceof OutboxMessage)) this.kick();
      },
    });
    this.unsubscribe = this.settings.bus.onConnected(() => {
      this.reconciled = false;
      this.kick(true);
    });
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
        if (message.info.pending === 0) done = true;
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
      const rows = await tx.find(
        OutboxMessage,
        { sentAt: null },
        { orderBy: { id: 'asc' }, limit: this.batchSize, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) },
      );
      let sent = 0;
      let failed = false;
      for (const row of rows) {
        try {
          await this.settings.bus.publish(row.subject, row.payload, row.id);
          row.sentAt = new Date();
          sent += 1;
        } catch (error) {
          row.attempts += 1;
          row.lastError = error instanceof Error ? error.message : String(error);
          failed = true;
          this.logger.warn({ eventId: row.id, err: error }, 'publish failed; the row waits for the next pass');
          break;
        }
      }
      await tx.flush();
      return { sent, fetched: rows.length, failed };
    };
    return lock ? em.transactional((tx) => (this.ownManagers.add(tx), pass(tx))) : pass(em);
  }
}
