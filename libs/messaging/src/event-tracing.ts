import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import type { EventEnvelope } from '@shequ/contracts';

/** Span attribute holding the request id (the event's correlationId), as on the HTTP server spans. */
const REQUEST_ID_ATTRIBUTE = 'shequ.request_id';

/**
 * The W3C `traceparent` of the active span, for an event recorded now; undefined outside a trace (or when
 * the process set up no propagator), so the envelope then looks exactly as before.
 */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs a consumer's handling of one event inside a consumer span, a child of the span the event was
 * published in (its `traceparent`); events the handler publishes carry this span on.
 */
export async function withConsumerSpan<T>(
  consumer: { service: string; durableName: string },
  event: EventEnvelope,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = event.traceparent
    ? propagation.extract(ROOT_CONTEXT, { traceparent: event.traceparent })
    : ROOT_CONTEXT;
  const span = trace.getTracer(consumer.service).startSpan(
    `${event.type} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': event.subject,
        'messaging.consumer.group.name': consumer.durableName,
        'messaging.message.id': event.id,
        [REQUEST_ID_ATTRIBUTE]: event.correlationId,
      },
    },
    parent,
  );
  // no tracer records and the event carries no trace: nothing to propagate, so no context to enter (it cost every
  // consumed event a pass through the async-context machinery)
  if (!span.isRecording() && !event.traceparent) return work(span);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
