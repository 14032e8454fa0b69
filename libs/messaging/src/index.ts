import { OutboxMessageSchema } from './outbox-message.js';
import { ProcessedEventSchema } from './processed-event.js';
import { AggregateVersionSchema } from './aggregate-version.js';
import { ProjectionVersionSchema } from './projection-version.js';

export { OutboxMessage, OutboxMessageSchema } from './outbox-message.js';
export { ProcessedEvent, ProcessedEventSchema, claimEvent } from './processed-event.js';
export * from './outbox.js';
export { BatchedEvents, type BulkInsert } from './batched-events.js';
export {
  AggregateVersion,
  AggregateVersionSchema,
  AggregateVersioning,
  versionAggregatesOf,
} from './aggregate-version.js';
export * from './projection-version.js';
export * from './outbox-relay.js';
export * from './event-consumer.js';
// the database's transient conflicts (libs/database), as before from here too
export {
  CONCURRENCY_RETRIES,
  concurrencyPause,
  isConcurrencyFailure,
  retryingConcurrencyFailures,
} from '@shequ/database';
export { POSITION_AGGREGATE, ensureDurablePerSource, readPositions } from './durable-positions.js';
export {
  SharedConsumerTransaction,
  SharedTransactionFailed,
  inTransaction,
  sharedConsumerTransaction,
} from './shared-transaction.js';
export * from './dead-letter.js';
export * from './retention.js';
export { INBOX_VERSION_BIGINT_SQL, INBOX_WITHOUT_ROWID_SQL } from './inbox-without-rowid.js';
export * from './nats-bus.js';
export { JetStreamPublisher, type PublishAnswer } from './jetstream-publisher.js';
export { DeliverPolicy } from '@nats-io/jetstream';
export * from './event-tracing.js';
export { silentLogger, type Logger } from './silent-logger.js';

/** Tables every service with messaging adds to its ORM entity list (outbox, record versions, inbox). */
export const messagingEntities = [
  OutboxMessageSchema,
  AggregateVersionSchema,
  ProcessedEventSchema,
  ProjectionVersionSchema,
];
export { foreignEventProblem } from './event-origin.js';
