import { describe, expect, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import { setupTracing, traceHeaders, withServerSpan } from '../src/index.js';

describe('tracing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  const tracing = setupTracing({ service: 'residents', env: {} });

  it('records nothing', () => {
    expect(tracing.recording).toBe(false);
    expect(setupTracing({ service: 'cases', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' } })).toBe(
      tracing,
    );
  });

  it('passes an incoming traceparent on unchanged, across awaits', async () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const request = { method: 'POST', url: '/graphql', headers: { traceparent: incoming } };
    const outgoing = await withServerSpan(
      'residents',
      request,
      'req-1',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return traceHeaders();
      },
      () => 200,
    );
    expect(outgoing.traceparent).toBe(incoming);
  });

  it('sends no traceparent outside a trace', async () => {
    const outgoing = await withServerSpan(
      'residents',
      { method: 'POST', url: '/graphql', headers: {} },
      'req-2',
      async () => traceHeaders(),
      () => 200,
    );
    expect(outgoing).toEqual({});
    expect(trace.getSpan(context.active())).toBeUndefined();
  });
});
