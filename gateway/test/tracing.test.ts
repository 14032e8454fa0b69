import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { signHs256Token, jwtSettingsFromEnv } from '@shequ/auth';
import { inMemorySpanExporter, REQUEST_ID_ATTRIBUTE, setupTracing } from '@shequ/server';
import { waitFor } from '@shequ/testing';
import { startGateway, type RunningGateway } from '../src/gateway-server.js';

// Before the gateway starts: its own setupTracing call then keeps this one.
const spans = inMemorySpanExporter();
setupTracing({ service: 'gateway', exporter: spans });

describe('gateway tracing', () => {
  let residents: Server;
  const received: IncomingHttpHeaders[] = [];
  let gateway: RunningGateway;

  beforeAll(async () => {
    // Stands in for the residents subgraph: records the headers the gateway sends, answers `apiKeys`.
    residents = createServer((request, response) => {
      received.push(request.headers);
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { apiKeys: [] } }));
      });
    });
    await new Promise<void>((resolve) => residents.listen(0, '127.0.0.1', () => resolve()));
    const port = (residents.address() as { port: number }).port;
    gateway = await startGateway(
      {
        port: 0,
        supergraphPath: fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
        production: false,
        maxBodyBytes: 1024 * 1024,
      },
      { env: { RESIDENTS_URL: `http://127.0.0.1:${port}/graphql` } },
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => residents?.close(resolve));
  });

  it('continues the caller trace and forwards traceparent to the subgraph', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const token = await signHs256Token(
      {
        sub: 'trace-test',
        name: '测试',
        community: '350203008006',
        department: null,
        roles: ['community_admin'],
        grids: [],
      },
      jwtSettingsFromEnv(),
    );
    const response = await fetch(gateway.http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
        'x-request-id': 'req-gw-1',
      },
      body: JSON.stringify({ query: '{ apiKeys { id } }' }),
    });
    expect(await response.json()).toEqual({ data: { apiKeys: [] } });
    // the gateway's own request id (a client's is only logged), the same in its answer, span and subgraph call
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const forwarded = received.at(-1)!;
    expect(forwarded['x-request-id']).toBe(requestId);
    const [, forwardedTrace, forwardedParent] = String(forwarded.traceparent).split('-');
    expect(forwardedTrace).toBe(traceId);

    // The request span ends just after the response is written.
    const server = await waitFor(() => spans.getFinishedSpans().find((s) => s.name === 'POST /graphql'), {
      what: 'gateway request span',
    });
    const finished = spans.getFinishedSpans();
    expect(server.spanContext().traceId).toBe(traceId);
    expect(server.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(server.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
    // The subgraph's parent is a gateway span of this trace (the request span or Apollo's fetch span under it).
    const parent = finished.find((s) => s.spanContext().spanId === forwardedParent);
    expect(parent?.spanContext().traceId).toBe(traceId);
  });
});
