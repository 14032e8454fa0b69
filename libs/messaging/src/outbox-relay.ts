import { LockMode, type MikroORM } from '@mikro-orm/core';
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
    this.unsubscribe = this.settings.bus.onConnected(() => this.kick(true));
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
    while (this.settings.bus.isConnected) {
      const { sent, fetched, failed } = await this.publishBatch();
      total += sent;
      if (failed) this.backoffUntil = Date.now() + (this.settings.pollIntervalMs ?? 1_000);
      if (failed || fetched < this.batchSize) break;
    }
    if (total > 0) this.logger.debug({ sent: total }, 'outbox rows published');
    return total;
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
