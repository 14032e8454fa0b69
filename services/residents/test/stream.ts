import { STREAM_NAME } from '@shequ/contracts';
import type { RunningSubgraph } from '@shequ/subgraph';

export interface StreamEvent {
  subject: string;
  data: Record<string, any>;
}

/**
 * Publishes whatever waits in the service's outbox, then reads every residents event from the JetStream stream
 * on the real nats-server (an ordered consumer from the start).
 */
export async function publishedEvents(service: RunningSubgraph): Promise<StreamEvent[]> {
  await service.bus.firstConnection;
  while ((await service.relay.publishPending()) > 0);
  const consumer = await service.bus.jetstream().consumers.get(STREAM_NAME);
  const events: StreamEvent[] = [];
  for (;;) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 1_000 });
    let fetched = 0;
    let pending = 1;
    for await (const message of batch) {
      fetched += 1;
      if (message.subject.startsWith('shequ.residents.'))
        events.push({ subject: message.subject, data: message.json<{ data: Record<string, any> }>().data });
      pending = message.info.pending;
      if (pending === 0) break;
    }
    if (fetched === 0 || pending === 0) break;
  }
  return events;
}

/** How many events of `subject` concern `residentId`. */
export const countFor = (events: StreamEvent[], subject: string, residentId: string) =>
  events.filter((e) => e.subject === `shequ.residents.${subject}` && e.data.residentId === residentId).length;
