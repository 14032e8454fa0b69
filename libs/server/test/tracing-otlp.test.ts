import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { setupTracing, withServerSpan, type Tracing } from '../src/index.js';

describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let collector: Server;
  const posts: Array<{ path: string; contentType: string; body: Buffer }> = [];
  let tracing: Tracing;

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector: keeps what it receives.
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        posts.push({
          path: request.url ?? '',
          contentType: String(request.headers['content-type']),
          body: Buffer.concat(chunks),
        });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' });
        response.end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', () => resolve()));
    const port = (collector.address() as { port: number }).port;
    tracing = setupTracing({
      service: 'partybuilding',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/` },
    });
  });
  afterAll(() => new Promise((resolve) => collector?.close(resolve)));

  it('exports request spans to <endpoint>/v1/traces with the service name and request id', async () => {
    expect(tracing.recording).toBe(true);
    await withServerSpan(
      'partybuilding',
      { method: 'POST', url: '/graphql?x=1', headers: {} },
      'req-otlp-1',
      async () => 'done',
      () => 200,
    );
    await tracing.flush();
    expect(posts).toHaveLength(1);
    expect(posts[0].path).toBe('/v1/traces');
    const body = posts[0].body.toString('latin1');
    for (const text of ['partybuilding', 'POST /graphql', 'req-otlp-1', 'shequ.request_id'])
      expect(body).toContain(text);
  });
});
