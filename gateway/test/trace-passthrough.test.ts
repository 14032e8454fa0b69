import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ROOT_CONTEXT, context, createContextKey } from '@opentelemetry/api';
import { signHs256Token, jwtSettingsFromEnv } from '@shequ/auth';
import { startGateway, type RunningGateway } from '../src/gateway-server.js';

// No OTEL_EXPORTER_OTLP_ENDPOINT and no exporter: the gateway records no spans and only passes the trace on.
describe('gateway trace context without recorded spans', () => {
  let residents: Server;
  const received: IncomingHttpHeaders[] = [];
  let gateway: RunningGateway;
  let token: string;

  beforeAll(async () => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
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
    token = await signHs256Token(
      {
        sub: 'trace-passthrough',
        name: '测试',
        community: '350203008006',
        department: null,
        roles: ['community_admin'],
        grids: [],
      },
      jwtSettingsFromEnv(),
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => residents?.close(resolve));
  });

  const ask = (headers: Record<string, string>) =>
    fetch(gateway.http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query: '{ apiKeys { id } }' }),
    }).then((r) => r.json());

  it('keeps no active context (no AsyncLocalStorage: async hooks would cost every promise of every request)', async () => {
    const key = createContextKey('probe');
    const seen = await context.with(ROOT_CONTEXT.setValue(key, 'set'), async () => {
      await Promise.resolve();
      return context.active().getValue(key);
    });
    expect(seen).toBeUndefined();
  });

  it("passes the caller's traceparent and tracestate on to the subgraph unchanged", async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(await ask({ traceparent, tracestate: 'shequ=1', 'x-request-id': 'req-pass-1' })).toEqual({
      data: { apiKeys: [] },
    });
    const forwarded = received.at(-1)!;
    expect(forwarded.traceparent).toBe(traceparent);
    expect(forwarded.tracestate).toBe('shequ=1');
  });

  it("never forwards a client's x-request-id: two requests under one id are two requests to the subgraph", async () => {
    // a subgraph keys a request's personal-data audit entry, its audit event and its import report on the request id:
    // a client reusing one must not make a later request one with an earlier
    const answers = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(gateway.http.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-reused' },
        body: JSON.stringify({ query: '{ apiKeys { id } }' }),
      });
      expect(await response.json()).toEqual({ data: { apiKeys: [] } });
      answers.push({ own: response.headers.get('x-request-id'), forwarded: received.at(-1)!['x-request-id'] });
    }
    for (const { own, forwarded } of answers) {
      expect(own).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(forwarded).toBe(own);
    }
    expect(answers[0].own).not.toBe(answers[1].own);
  });

  it('sends no trace context without a valid one', async () => {
    await ask({});
    expect(received.at(-1)!.traceparent).toBeUndefined();
    await ask({ traceparent: '00-zz-not-a-trace-01', tracestate: 'a=1' });
    expect(received.at(-1)!.traceparent).toBeUndefined();
    expect(received.at(-1)!.tracestate).toBeUndefined();
  });
});
