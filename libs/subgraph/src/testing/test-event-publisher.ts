import type { EventData, EventDefinition, EventEnvelope } from '@shequ/contracts';
import { NatsBus, ensureStream, envelopeFor } from '@shequ/messaging';
import { DEFAULT_COMMUNITY_ID } from '../service-config.js';

/**
 * Plays another service in tests: publishes well-formed events straight onto the JetStream stream, each with
 * the next version of its record (as the real outbox numbers them) unless the test gives one.
 */
export class TestEventPublisher {
  private readonly bus: NatsBus;
  private readonly versions = new Map<string, number>();

  constructor(natsUrl: string) {
    this.bus = new NatsBus({ servers: natsUrl, name: 'test-publisher' });
  }

  async publish<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    meta: { communityId?: string; occurredAt?: Date; correlationId?: string; aggregateVersion?: number } = {},
  ): Promise<EventEnvelope<EventData<D>>> {
    await this.bus.firstConnection;
    const record = `${definition.source}.${definition.aggregate}:${definition.aggregateIdOf(data)}`;
    const aggregateVersion = meta.aggregateVersion ?? (this.versions.get(record) ?? 0) + 1;
    this.versions.set(record, Math.max(aggregateVersion, this.versions.get(record) ?? 0));
    const envelope = envelopeFor(definition, data, {
      aggregateVersion,
      communityId: meta.communityId ?? DEFAULT_COMMUNITY_ID,
      actor: { kind: 'system', id: 'test' },
      correlationId: meta.correlationId ?? 'test',
      occurredAt: meta.occurredAt,
    });
    await this.publishUntilStored(envelope.subject, JSON.stringify(envelope), envelope.id);
    return envelope;
  }

  /** Publishes an exact envelope again under a new message id (a redelivery past the dedup window). */
  async republish(envelope: EventEnvelope): Promise<void> {
    await this.bus.firstConnection;
    await this.publishUntilStored(envelope.subject, JSON.stringify(envelope), `${envelope.id}-again-${Date.now()}`);
  }

  /**
   * Publishes, retrying for a while when JetStream answers "no responders" (a freshly started, busy
   * nats-server can refuse the first publishes while its stream is still being set up); the message id
   * makes a retry of a publish that did land harmless.
   */
  private async publishUntilStored(subject: string, payload: string, msgID: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await this.bus.publish(subject, payload, msgID);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await this.bus
          .jetstreamManager()
          .then(ensureStream)
          .catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
