import { connect } from '@nats-io/transport-node';
import { nanos, nkeyAuthenticator, type Authenticator, type NatsConnection } from '@nats-io/nats-core';
import {
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { STREAM_NAME, SUBJECT_PREFIX, inboxPrefixOf, type NatsUserCredentials } from '@shequ/contracts';
import { JetStreamPublisher, type PublishAnswer } from './jetstream-publisher.js';
import { silentLogger, type Logger } from './silent-logger.js';

export interface BusSettings {
  /** e.g. `nats://127.0.0.1:4222` */
  servers: string;
  /** Connection name shown by the server (the service name). */
  name: string;
  logger?: Logger;
  /** The NATS user and NKey seed this process connects as (each service is its own user). */
  credentials?: NatsUserCredentials;
}

export type { NatsUserCredentials };

/** Connection options that sign the server's nonce with the user's NKey and keep replies on its own inbox prefix. */
export function credentialOptions(credentials: NatsUserCredentials | undefined): {
  authenticator?: Authenticator;
  inboxPrefix?: string;
} {
  if (!credentials) return {};
  const seed = new TextEncoder().encode(credentials.seed);
  return { authenticator: nkeyAuthenticator(seed), inboxPrefix: inboxPrefixOf(credentials.user) };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one NATS connection of a process. Connecting never blocks start-up: while NATS is unreachable
 * the service runs, outbox rows wait, and everything resumes on (re)connection. On every (re)connect
 * the stream `SHEQU` is ensured (subjects `shequ.>`, file storage, 2-minute duplicate window).
 */
export class NatsBus {
  private connection: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private publisher: JetStreamPublisher | undefined;
  private up = false;
  private closing = false;
  private readonly listeners = new Set<() => void>();
  private readonly logger: Logger;
  /** Resolves once connected the first time with the stream in place. */
  readonly firstConnection: Promise<void>;

  constructor(private readonly settings: BusSettings) {
    this.logger = settings.logger ?? silentLogger;
    this.firstConnection = this.connectInBackground();
    this.firstConnection.catch(() => undefined);
  }

  get isConnected(): boolean {
    return this.up && !!this.connection && !this.connection.isClosed();
  }

  /** Called after the first connection and after every reconnection (stream ensured). */
  onConnected(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.isConnected) queueMicrotask(listener);
    return () => this.listeners.delete(listener);
  }

  jetstream(): JetStreamClient {
    if (!this.js) throw new Error('NATS is not connected yet');
    return this.js;
  }

  async jetstreamManager(): Promise<JetStreamManager> {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return jetstreamManager(this.connection);
  }

  /** Publishes one message with `Nats-Msg-Id` set, so the server drops duplicates within its window. */
  publish(subject: string, payload: string, msgID: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.publishThen(subject, payload, msgID, (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Publishes one message with `Nats-Msg-Id` set (the server drops duplicates within its window) and calls `answer`
   * once JetStream has stored it (no error) or refused it, or after 5 s without an answer. The message is on the
   * connection when this returns: calls keep their order. No promise, request object or timer per message (see
   * `JetStreamPublisher`): the outbox relay's path.
   */
  publishThen(subject: string, payload: string, msgID: string, answer: PublishAnswer): void {
    try {
      if (!this.isConnected || !this.publisher) throw new Error('NATS is not connected');
      this.publisher.publish(subject, payload, msgID, answer);
    } catch (error) {
      // answered later, as a refused publish always was (the caller may be in the middle of its own bookkeeping)
      queueMicrotask(() => answer(error instanceof Error ? error : new Error(String(error))));
    }
  }

  /** Drains subscriptions and closes the connection. */
  async close(): Promise<void> {
    this.closing = true;
    const connection = this.connection;
    this.up = false;
    if (connection && !connection.isClosed()) {
      await connection.drain().catch(() => connection.close());
    }
    this.publisher?.close();
  }

  private async connectInBackground(): Promise<void> {
    const connection = await connect({
      servers: this.settings.servers,
      name: this.settings.name,
      ...credentialOptions(this.settings.credentials),
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      pingInterval: 5_000,
      // the client otherwise captures a stack trace for every request (every publish awaiting its ack), in case it
      // fails: ~2 % of the publishing service's CPU in the events benchmark's profile
      noAsyncTraces: true,
    });
    if (this.closing) {
      await connection.close();
      throw new Error('bus closed before it connected');
    }
    this.connection = connection;
    this.js = jetstream(connection);
    this.publisher = new JetStreamPublisher(
      connection,
      this.settings.credentials ? inboxPrefixOf(this.settings.credentials.user) : undefined,
      5_000,
    );
    this.watchStatus(connection);
    await this.setUpUntilReady(connection);
    this.logger.info({ servers: this.settings.servers }, 'connected to NATS');
  }

  private watchStatus(connection: NatsConnection): void {
    void (async () => {
      for await (const status of connection.status()) {
        if (status.type === 'disconnect') {
          this.up = false;
          this.logger.warn('NATS disconnected; outbox rows wait until it returns');
        } else if (status.type === 'reconnect') {
          this.logger.info('NATS reconnected');
          await this.setUpUntilReady(connection);
        }
      }
    })();
  }

  /**
   * Ensures the stream, retrying while the connection stays open: right after a server restart JetStream
   * may answer "temporarily unavailable" for a while, and giving up here would leave the bus down for good.
   */
  private async setUpUntilReady(connection: NatsConnection): Promise<void> {
    for (let attempt = 0; !this.closing && !connection.isClosed(); attempt++) {
      try {
        await this.afterConnect();
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'stream setup failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
      }
    }
  }

  private async afterConnect(): Promise<void> {
    await ensureStream(await this.jetstreamManager());
    this.up = true;
    for (const listener of this.listeners) listener();
  }
}

/** Creates the stream or brings its subjects up to date; safe when several services race to do it. */
export async function ensureStream(jsm: JetStreamManager): Promise<void> {
  const config = {
    name: STREAM_NAME,
    subjects: [`${SUBJECT_PREFIX}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(2 * 60 * 1000),
    max_age: nanos(365 * DAY_MS),
  };
  try {
    await jsm.streams.info(STREAM_NAME);
    return;
  } catch {
    // not there yet
  }
  try {
    await jsm.streams.add(config);
  } catch (error) {
    // another service created it between our info and add
    await jsm.streams.info(STREAM_NAME).catch(() => {
      throw error;
    });
  }
}
