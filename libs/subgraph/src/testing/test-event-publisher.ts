import type { EventData, EventDefinition, EventEnvelope } from '@shequ/contracts';
import { NatsBus, envelopeFor } from '@shequ/messaging';
import { DEFAULT_COMMUNITY_ID } from '../service-config.js';

/** Plays another service in tests: publishes well-formed events straight onto the JetStream stream. */
export class TestEventPublisher {
  private readonly bus: NatsBus;

  constructor(natsUrl: string) {
    this.bus = new NatsBus({ servers: natsUrl, name: 'test-publisher' });
  }

  async publish<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    meta: { communityId?: string; occurredAt?: Date; correlationId?: string } = {},
  ): Promise<EventEnvelope<EventData<D>>> {
    await this.bus.firstConnection;
    const envelope = envelopeFor(definition, data, {
      communityId: meta.communityId ?? DEFAULT_COMMUNITY_ID,
      actor: { kind: 'system', id: 'test' },
      correlationId: meta.correlationId ?? 'test',
      occurredAt: meta.occurredAt,
    });
    await this.bus.publish(envelope.subject, JSON.stringify(envelope), envelope.id);
    return envelope;
  }

  /** Publishes an exact envelope again under a new message id (a redelivery past the dedup window). */
  async republish(envelope: EventEnvelope): Promise<void> {
    await this.bus.firstConnection;
    await this.bus.publish(envelope.subject, JSON.stringify(envelope), `${envelope.id}-again-${Date.now()}`);
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
