import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/nats-core';

/** Called once with JetStream's answer to one publish: `undefined` when the message is stored (or a duplicate). */
export type PublishAnswer = (error: Error | undefined) => void;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** `{"stream":"` — how every successful publish acknowledgement begins (`JSPubAckResponse` without an error). */
const ACK_START = encoder.encode('{"stream":"');

/**
 * JetStream publishes on the core connection, without the client's per-request machinery: each message is a core
 * `HPUB` with `Nats-Msg-Id` (the server drops a repeat within its duplicate window) and a reply subject on one inbox
 * subscription of this publisher; the acknowledgement is matched to its publish by the reply subject's token. The
 * client's `js.publish` built, for every message, a headers object, an options copy, a request with a timer, a
 * deferred promise, and on success an `Error` its cancellation creates (`RequestError`): in the events benchmark about a
 * fifth of the publishing service's CPU per event. Here a publish costs a map entry and the message's bytes; publishes
 * that wait longer than `timeoutMs` fail together, swept twice per timeout by one timer, not one timer each.
 *
 * A publish is written to the connection before `publish` returns (calls keep their order on the wire, and the
 * server stores the messages of one connection in the order they arrive). An acknowledgement that is an error
 * (`{"error":…}`, a 503 "no responders" status when no stream takes the subject) fails that publish alone.
 */
export class JetStreamPublisher {
  private readonly prefix: string;
  private readonly subscription: Subscription;
  /** Publishes awaiting their answer, by token (insertion order = token order = time order). */
  private readonly pending = new Map<number, { answer: PublishAnswer; subject: string }>();
  private next = 0;
  /** The last token given out at each of the latest sweeps, with the sweep's time: what has waited long enough. */
  private readonly marks: { token: number; at: number }[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly connection: NatsConnection,
    inboxPrefix: string | undefined,
    private readonly timeoutMs = 5_000,
  ) {
    const inbox = createInbox(inboxPrefix);
    this.prefix = `${inbox}.`;
    this.subscription = connection.subscribe(`${inbox}.*`, {
      callback: (error, message) => {
        if (!error) this.answer(message);
      },
    });
    this.sweeper = setInterval(() => this.expire(), Math.max(1, Math.floor(timeoutMs / 2)));
    this.sweeper.unref();
    void this.watchPermissionErrors();
  }

  /**
   * A publish the user may not make is answered by the server with `-ERR 'Permissions Violation for Publish to …'`
   * on the connection, not on the reply subject: the publishes waiting on that subject fail with it at once (as the
   * client's request did), not after the timeout.
   */
  private async watchPermissionErrors(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (this.closed) return;
      if (status.type !== 'error') continue;
      const error = status.error as Error & { operation?: string; subject?: string };
      if (error?.name !== 'PermissionViolationError' || error.operation !== 'publish') continue;
      for (const [token, waiting] of this.pending) {
        if (waiting.subject !== error.subject) continue;
        this.pending.delete(token);
        waiting.answer(error);
      }
    }
  }

  /** Publishes awaiting their answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * Writes the message to the connection now; `answer` is called once, with JetStream's verdict, a timeout, or the
   * connection's closing. Throws (and does not call `answer`) when the client refuses the message outright.
   */
  publish(subject: string, payload: string | Uint8Array, msgId: string, answer: PublishAnswer): void {
    if (this.closed) throw new Error('the publisher is closed');
    const token = ++this.next;
    this.connection.publish(subject, payload, { reply: this.prefix + token, headers: msgIdHeader(msgId) });
    this.pending.set(token, { answer, subject });
  }

  /** Fails what still waits (the connection is closing) and stops listening. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    this.subscription.unsubscribe();
    this.failUpTo(this.next, () => new Error('NATS connection closed before JetStream acknowledged the message'));
  }

  private answer(message: Msg): void {
    const token = Number(message.subject.slice(this.prefix.length));
    const waiting = this.pending.get(token);
    if (!waiting) return; // timed out already
    this.pending.delete(token);
    waiting.answer(refusalIn(message));
  }

  /** Fails the publishes that have waited at least `timeoutMs` (give or take half of it). */
  private expire(): void {
    const now = performance.now();
    this.marks.push({ token: this.next, at: now });
    let limit = 0;
    while (this.marks.length > 0 && now - this.marks[0].at >= this.timeoutMs) limit = this.marks.shift()!.token;
    if (limit > 0)
      this.failUpTo(limit, () => new Error(`JetStream did not acknowledge the message within ${this.timeoutMs} ms`));
  }

  private failUpTo(limit: number, error: () => Error): void {
    for (const [token, waiting] of this.pending) {
      if (token > limit) break;
      this.pending.delete(token);
      waiting.answer(error());
    }
  }
}

/**
 * The header block of a message with `Nats-Msg-Id` (what the client's `MsgHdrs.encode()` writes for it), as the one
 * method the client's publish calls on headers.
 */
function msgIdHeader(msgId: string): MsgHdrs {
  if (msgId.includes('\n') || msgId.includes('\r')) throw new Error('a message id cannot contain a line break');
  const bytes = encoder.encode(`NATS/1.0\r\nNats-Msg-Id: ${msgId}\r\n\r\n`);
  return { encode: () => bytes } as unknown as MsgHdrs;
}

/** Why JetStream refused the message, or `undefined` when it stored it (or had it already). */
function refusalIn(message: Msg): Error | undefined {
  const data = message.data;
  if (startsWith(data, ACK_START)) return undefined;
  const status = message.headers;
  if (status && status.code >= 300) {
    return new Error(
      status.code === 503
        ? 'no JetStream stream takes this subject (no responders)'
        : `JetStream answered ${status.code} ${status.description}`,
    );
  }
  try {
    const reply = JSON.parse(decoder.decode(data)) as {
      stream?: string;
      error?: { code?: number; err_code?: number; description?: string };
    };
    if (reply.error)
      return new Error(
        `JetStream refused the message: ${reply.error.description ?? 'error'} (${reply.error.code ?? '?'}/${reply.error.err_code ?? '?'})`,
      );
    if (reply.stream) return undefined;
  } catch {
    // not JSON: below
  }
  return new Error('invalid JetStream acknowledgement');
}

function startsWith(data: Uint8Array, start: Uint8Array): boolean {
  if (data.length < start.length) return false;
  for (let i = 0; i < start.length; i++) if (data[i] !== start[i]) return false;
  return true;
}
