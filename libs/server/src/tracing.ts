import type { IncomingHttpHeaders } from 'node:http';
import { createRequire } from 'node:module';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type * as OtlpExporterModule from '@opentelemetry/exporter-trace-otlp-http';
import type * as ResourcesModule from '@opentelemetry/resources';
import type { InMemorySpanExporter, ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as TraceBaseModule from '@opentelemetry/sdk-trace-base';
import type * as TraceNodeModule from '@opentelemetry/sdk-trace-node';

// Loaded only when spans are recorded: the tracing SDK, the OTLP exporter and the Node tracer provider are a noticeable part of a
// process's start-up (module loading), and tracing is off by default.
const require = createRequire(import.meta.url);

/** Span attribute holding the request id (x-request-id; the events' correlationId). */
export const REQUEST_ID_ATTRIBUTE = 'shequ.request_id';
export const TRACEPARENT_HEADER = 'traceparent';

export interface TracingSettings {
  /** The process's service name (`service.name` of every span it exports). */
  service: string;
  /** Defaults to process.env; only `OTEL_EXPORTER_OTLP_ENDPOINT` is read here (the exporter reads the other OTEL_* itself). */
  env?: NodeJS.ProcessEnv;
  /** Spans go here too, one by one (tests: an InMemorySpanExporter). */
  exporter?: SpanExporter;
  /**
   * When no spans are recorded, whether an incoming trace context stays the active context across awaits (an
   * AsyncLocalStorage context manager, so `traceHeaders()` finds it anywhere; every promise of the process then
   * pays for async hooks). Default true; the gateway passes the caller's context on by hand instead
   * (`carriedTraceHeaders`). With spans recorded there is always a context manager.
   */
  activeContext?: boolean;
}

export interface Tracing {
  service: string;
  /** True when spans are recorded (an OTLP endpoint or an exporter was given); false: trace context only passes through. */
  recording: boolean;
  /** Exports what is still buffered. */
  flush(): Promise<void>;
}

const STATE = Symbol.for('shequ.tracing');
type GlobalWithTracing = typeof globalThis & { [STATE]?: Tracing };

/**
 * Sets up OpenTelemetry once per process (later calls return the first set-up). With
 * `OTEL_EXPORTER_OTLP_ENDPOINT` set (or an exporter given) a tracer provider records spans and exports
 * them over OTLP/HTTP; otherwise no provider is registered: spans are no-ops and an incoming `traceparent`
 * is only carried on (to subgraphs and into events), so tracing costs next to nothing by default.
 */
export function setupTracing(settings: TracingSettings): Tracing {
  const holder = globalThis as GlobalWithTracing;
  if (holder[STATE]) return holder[STATE];
  const env = settings.env ?? process.env;
  const processors: SpanProcessor[] = [];
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const sdk = () => require('@opentelemetry/sdk-trace-base') as typeof TraceBaseModule;
  if (endpoint) {
    const { BatchSpanProcessor } = sdk();
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpExporterModule;
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(endpoint, env) })));
  }
  if (settings.exporter) processors.push(new (sdk().SimpleSpanProcessor)(settings.exporter));
  let flush = async () => {};
  if (processors.length > 0) {
    const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof TraceNodeModule;
    const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof ResourcesModule;
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': settings.service }),
      spanProcessors: processors,
    });
    provider.register({ propagator: new W3CTraceContextPropagator() });
    flush = () => provider.forceFlush();
  } else {
    if (settings.activeContext ?? true) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }
  holder[STATE] = { service: settings.service, recording: processors.length > 0, flush };
  return holder[STATE];
}

function tracesUrl(endpoint: string, env: NodeJS.ProcessEnv): string {
  return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Runs `work` inside a server span for one HTTP request, a child of the caller's `traceparent` when it
 * sent one. The request id goes on the span; a thrown error or a 5xx marks it as failed.
 */
export async function withServerSpan<T>(
  service: string,
  request: { method?: string; url?: string; headers: IncomingHttpHeaders },
  requestId: string,
  work: (span: Span) => Promise<T>,
  statusOf: () => number,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const span = trace.getTracer(service).startSpan(
    `${request.method ?? 'GET'} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': request.method ?? 'GET',
        'url.path': path,
        [REQUEST_ID_ATTRIBUTE]: requestId,
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    const status = statusOf();
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}

/** `traceparent` (and `tracestate`) of the active span, to send on an outgoing request; empty without one. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * The caller's own trace context (`traceparent`, `tracestate`) as received, checked by the W3C propagator, to pass
 * on unchanged when no spans are recorded and no context manager carries it; empty without a valid one.
 */
export function carriedTraceHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  if (headers[TRACEPARENT_HEADER] === undefined) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(propagation.extract(ROOT_CONTEXT, headers), carrier);
  return carrier;
}

/**
 * For tests: spans collected in memory (`setupTracing({ service, exporter: inMemorySpanExporter() })`); the tracing
 * SDK is loaded then, not with this module.
 */
export function inMemorySpanExporter(): InMemorySpanExporter {
  return new (require('@opentelemetry/sdk-trace-base') as typeof TraceBaseModule).InMemorySpanExporter();
}
export type { InMemorySpanExporter, ReadableSpan };
