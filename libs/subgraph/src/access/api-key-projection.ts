import { ApiKeyIssued, ApiKeyRevoked, STREAM_NAME, type EventData, type EventEnvelope } from '@shequ/contracts';
import { isPermission, parseApiKey, secretMatches, type ApiKeyVerifier, type MachinePrincipal } from '@shequ/auth';
import { UnauthenticatedError } from '@shequ/errors';
import { foreignEventProblem, type NatsBus } from '@shequ/messaging';
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
 * most a year, as long as the stream keeps events. Until NATS is reached no key is known (fail closed).
 */
export class ApiKeyProjection implements ApiKeyVerifier {
  private readonly keys = new Map<string, KnownKey>();
  private messages: { close(): Promise<void | Error> } | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  /** Registry events dropped because they did not come from residents (for /metrics). */
  readonly rejected = new Map<string, number>();

  constructor(private readonly deps: { bus: NatsBus; clock: Clock; logger: Logger }) {}

  start(): void {
    this.deps.bus.onConnected(() => {
      if (this.loop || this.stopped) return;
      this.loop = this.follow().finally(() => {
        this.loop = undefined;
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  /** Applies one registry event (also called directly by residents right after it commits). */
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

  private async follow(): Promise<void> {
    try {
      const consumer = await this.deps.bus.jetstream().consumers.get(STREAM_NAME, {
        // one wildcard subject: nats-server 2.9 (Debian) takes no list of filters
        filter_subjects: ApiKeyIssued.subject.replace(/\.[a-z_]+$/, '.>'),
      });
      const messages = await consumer.consume();
      this.messages = messages;
      for await (const message of messages) {
        try {
          const event = JSON.parse(new TextDecoder().decode(message.data)) as EventEnvelope;
          if (this.fromRegistry(message.subject, event)) this.apply(event);
        } catch (error) {
          this.deps.logger.error({ err: error, subject: message.subject }, 'unreadable API-key event skipped');
        }
        if (this.stopped) break;
      }
    } catch (error) {
      if (!this.stopped)
        this.deps.logger.error({ err: error }, 'API-key projection stopped; resuming when NATS reconnects');
    }
  }
}
