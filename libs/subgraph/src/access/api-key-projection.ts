import { ApiKeyIssued, ApiKeyRevoked, STREAM_NAME, type EventData, type EventEnvelope } from '@shequ/contracts';
import { isPermission, parseApiKey, secretMatches, type ApiKeyVerifier, type MachinePrincipal } from '@shequ/auth';
import { UnauthenticatedError } from '@shequ/errors';
import { DeliverPolicy, foreignEventProblem, type NatsBus } from '@shequ/messaging';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';

interface KnownKey {
  secretHash: string;
  principal: MachinePrincipal;
  expiresAt: Date;
  revoked: boolean;
}

/**
 * Every subgraph's own view of the API-key registry (kept by residents): it replays
 * `shequ.residents.api_key.>` from the start of the stream into memory and follows it, so each subgraph
 * verifies keys itself and a revocation takes effect everywhere as soon as the event arrives. Keys live at
 * most a year, as long as the stream keeps events.
 *
 * Fails closed: a key is accepted only while the projection can confirm it is current — NATS reachable and
 * every registry event in the stream (the last sequence of each registry subject) applied. A watchdog checks
 * that every `checkIntervalMs`; after a NATS restart, or when the follower makes no progress, it starts a new
 * follower from the last applied sequence, so the projection catches up within seconds instead of waiting for
 * the client's pull to expire.
 */

/** The registry's subjects, one wildcard (nats-server 2.9 takes no list of filters): `shequ.residents.api_key.>`. */
const REGISTRY_SUBJECTS = ApiKeyIssued.subject.replace(/\.[a-z_]+$/, '.>');

/** How long the check waits for the newest registry event when there is none (the server's shortest wait). */
const REGISTRY_PROBE_EXPIRES_MS = 1_000;

export class ApiKeyProjection implements ApiKeyVerifier {
  private readonly keys = new Map<string, KnownKey>();
  private messages: { close(): Promise<void | Error> } | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  /** Registry events dropped because they did not come from residents (for /metrics). */
  readonly rejected = new Map<string, number>();
  /** Stream sequence of the last registry event applied from the stream. */
  private appliedSeq = 0;
  private confirmed = false;
  private lastProgressAt = Date.now();
  private watchdog: NodeJS.Timeout | undefined;
  private checking = false;
  private readonly checkIntervalMs: number;

  constructor(private readonly deps: { bus: NatsBus; clock: Clock; logger: Logger; checkIntervalMs?: number }) {
    this.checkIntervalMs = deps.checkIntervalMs ?? 1_000;
  }

  /** True while the projection has confirmed it holds every registry event in the stream. */
  get isCurrent(): boolean {
    return this.confirmed && this.deps.bus.isConnected;
  }

  start(): void {
    this.stopped = false;
    this.deps.bus.onConnected(() => {
      // a (re)connection: whatever the old follower was doing, start afresh from the last applied event
      this.confirmed = false;
      this.restartFollower();
      void this.check();
    });
    this.watchdog = setInterval(() => void this.check(), this.checkIntervalMs);
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  /** Applies one registry event, as the follower reads it from the stream. */
  apply(event: Pick<EventEnvelope, 'type' | 'communityId' | 'data'>): void {
    if (event.type === ApiKeyIssued.type) {
      const data = event.data as EventData<typeof ApiKeyIssued>;
      const previous = this.keys.get(data.keyId);
      this.keys.set(data.keyId, {
        secretHash: data.secretHash,
        expiresAt: new Date(data.expiresAt),
        revoked: previous?.revoked ?? false,
        principal: {
          kind: 'machine',
          id: data.keyId,
          name: data.name,
          communityId: event.communityId,
          scopes: data.scopes.filter(isPermission),
          expiresAt: new Date(data.expiresAt),
        },
      });
    } else if (event.type === ApiKeyRevoked.type) {
      const data = event.data as EventData<typeof ApiKeyRevoked>;
      const known = this.keys.get(data.keyId);
      if (known) known.revoked = true;
      else
        this.keys.set(data.keyId, {
          secretHash: '',
          expiresAt: new Date(0),
          revoked: true,
          principal: { kind: 'machine', id: data.keyId, name: '', communityId: event.communityId, scopes: [] },
        });
    }
  }

  async verify(value: string): Promise<MachinePrincipal> {
    if (!this.isCurrent) {
      throw new UnauthenticatedError('未认证：暂时无法确认 API 密钥的最新状态（正在与密钥登记同步），请稍后重试');
    }
    const parsed = parseApiKey(value);
    const known = parsed && this.keys.get(parsed.keyId);
    if (
      !parsed ||
      !known ||
      known.revoked ||
      known.expiresAt <= this.deps.clock.now() ||
      !secretMatches(parsed.secret, known.secretHash)
    ) {
      throw new UnauthenticatedError('未认证：API 密钥无效、已过期或已吊销');
    }
    return known.principal;
  }

  /** Only residents keeps the registry: anything else on these subjects is dropped, counted and logged. */
  private fromRegistry(subject: string, event: EventEnvelope): boolean {
    const definition = [ApiKeyIssued, ApiKeyRevoked].find((d) => d.subject === subject);
    const problem = definition ? foreignEventProblem(subject, event, definition) : 'subject';
    if (!problem) return true;
    this.rejected.set(problem, (this.rejected.get(problem) ?? 0) + 1);
    this.deps.logger.error({ subject, problem }, 'API-key event from the wrong source dropped');
    return false;
  }

  /** Compares what was applied with the stream; restarts a follower that makes no progress. */
  private async check(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      if (!this.deps.bus.isConnected) {
        this.confirmed = false;
        return;
      }
      const target = await this.lastRegistrySequence();
      this.confirmed = this.appliedSeq >= target;
      if (!this.confirmed && Date.now() - this.lastProgressAt > 3 * this.checkIntervalMs) {
        this.deps.logger.warn({ applied: this.appliedSeq, target }, 'API-key follower stalled; restarting it');
        this.restartFollower();
      }
    } catch (error) {
      this.confirmed = false;
      this.deps.logger.warn({ err: error }, 'cannot confirm the API-key registry is current; keys refused');
    } finally {
      this.checking = false;
    }
  }

  /**
   * The stream sequence of the newest registry event (0 when there is none): the one message an ordered consumer
   * filtered on the registry's subjects delivers from the last of them. (Until 2026-12-06 this asked
   * `$JS.API.STREAM.MSG.GET`, which names the subject in its body, not in the API subject: the permission it needed
   * let every service's NATS user read any message of the stream by its sequence, residents' audit entries and the
   * events of sources it does not consume included.)
   */
  private async lastRegistrySequence(): Promise<number> {
    const consumer = await this.deps.bus.jetstream().consumers.get(STREAM_NAME, {
      filter_subjects: REGISTRY_SUBJECTS,
      deliver_policy: DeliverPolicy.Last,
    });
    try {
      const message = await consumer.next({ expires: REGISTRY_PROBE_EXPIRES_MS });
      return message?.seq ?? 0;
    } finally {
      // an ordered consumer outlives its last use by five minutes on the server: one per check would pile up
      await consumer.delete().catch(() => undefined);
    }
  }

  private restartFollower(): void {
    if (this.stopped) return;
    this.lastProgressAt = Date.now();
    const previous = this.loop;
    const messages = this.messages;
    this.messages = undefined;
    const next = (async () => {
      await messages?.close().catch(() => undefined);
      await previous;
      if (!this.stopped && this.deps.bus.isConnected) await this.follow();
    })();
    this.loop = next.finally(() => {
      if (this.loop === next) this.loop = undefined;
    });
  }

  private async follow(): Promise<void> {
    try {
      const consumer = await this.deps.bus.jetstream().consumers.get(STREAM_NAME, {
        // one wildcard subject: nats-server 2.9 (Debian) takes no list of filters
        filter_subjects: REGISTRY_SUBJECTS,
        ...(this.appliedSeq > 0
          ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.appliedSeq + 1 }
          : {}),
      });
      const messages = await consumer.consume();
      this.messages = messages;
      for await (const message of messages) {
        if (message.seq <= this.appliedSeq) continue;
        try {
          const event = JSON.parse(new TextDecoder().decode(message.data)) as EventEnvelope;
          if (this.fromRegistry(message.subject, event)) this.apply(event);
        } catch (error) {
          this.deps.logger.error({ err: error, subject: message.subject }, 'unreadable API-key event skipped');
        }
        this.appliedSeq = message.seq;
        this.lastProgressAt = Date.now();
        if (message.info.pending === 0) this.confirmed = true;
        if (this.stopped) break;
      }
    } catch (error) {
      if (!this.stopped) this.deps.logger.error({ err: error }, 'API-key follower stopped; the watchdog restarts it');
    }
  }
}
