import { OutboxMessageSchema } from './outbox-message.js';
import { ProcessedEventSchema } from './processed-event.js';

export { OutboxMessage, OutboxMessageSchema } from './outbox-message.js';
export { ProcessedEvent, ProcessedEventSchema } from './processed-event.js';
export * from './outbox.js';
export * from './outbox-relay.js';
export * from './event-consumer.js';
export * from './nats-bus.js';
export * from './event-tracing.js';
export { silentLogger, type Logger } from './silent-logger.js';

/** Tables every service with messaging adds to its ORM entity list (outbox and inbox). */
export const messagingEntities = [OutboxMessageSchema, ProcessedEventSchema];
export { foreignEventProblem } from './event-origin.js';
