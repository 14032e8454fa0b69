import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { PortInUseError, observeOnScrape, startHttpService, type RunningHttpService } from '../src/index.js';

const typeDefs = 'type Query { hello(name: String!): String! whoAsked: String! }';
const resolvers = {
  Query: {
    hello: (_: unknown, args: { name: string }) => `你好，${args.name}`,
    whoAsked: (_: unknown, __: unknown, ctx: { requestId: string }) => ctx.requestId,
  },
};
const logger = pino({ level: 'silent' });

describe('startHttpService', () => {
  let service: RunningHttpService;
  let databaseUp = true;
  let base: string;

  beforeAll(async () => {
    service = await startHttpService<{ requestId: string }>({
      service: 'test',
      port: 0,
      apollo: new ApolloServer({ typeDefs, resolvers }),
      logger,
      maxBodyBytes: 2_000,
      context: async (_request, requestId) => ({ requestId }),
      readiness: async () => ({ database: databaseUp, nats: true }),
    });
    base = `http://127.0.0.1:${service.port}`;
  });
  afterAll(() => service?.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers GraphQL and echoes or creates a request id', async () => {
    const response = await post({ query: '{ hello(name: "莲秀") whoAsked }' }, { 'x-request-id': 'abc-123' });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(await response.json()).toEqual({ data: { hello: '你好，莲秀', whoAsked: 'abc-123' } });
    const fresh = await post({ query: '{ whoAsked }' }, { 'x-request-id': 'not acceptable!' });
    const id = fresh.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await fresh.json()) as { data: { whoAsked: string } }).data.whoAsked).toBe(id);
  });

  it('answers /metrics with 500, not an empty 200, when a metric cannot be read', async () => {
    let broken = false;
    observeOnScrape(service.metrics.registry, {
      name: 'shequ_test_rows',
      help: 'rows of a table that may be missing',
      labelNames: [],
      collect: () => {
        if (broken) throw new Error('relation "outbox_message" does not exist');
        return [{ labels: {}, value: 3 }];
      },
    });
    const good = await fetch(`${base}/metrics`);
    expect(good.status).toBe(200);
    expect(await good.text()).toMatch(/shequ_test_rows\{service="test"\} 3/);
    broken = true;
    const failed = await fetch(`${base}/metrics`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    broken = false;
  });

  it('reports alive on /health and readiness of each dependency on /ready', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    databaseUp = false;
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not ready', checks: { database: false, nats: true } });
    databaseUp = true;
  });

  it('serves Prometheus metrics', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('shequ_http_request_duration_seconds');
  });

  it('refuses a body over the size limit with 413 naming the limit', async () => {
    const response = await post({ query: `{ hello(name: "${'长'.repeat(2_000)}") }` });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: Array<{ extensions: unknown }> };
    expect(body.errors[0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', limit: 'maxBodyBytes', value: 2_000 });
  });

  it('lets only the large operation have a large body; every other request keeps the ordinary limit', async () => {
    const large = await startHttpService<{ requestId: string }>({
      service: 'large',
      port: 0,
      apollo: new ApolloServer({
        typeDefs: `${typeDefs} type Mutation { importRows(content: String!): Int! }`,
        resolvers: {
          ...resolvers,
          Mutation: { importRows: (_: unknown, args: { content: string }) => args.content.length },
        },
      }),
      logger,
      maxBodyBytes: 2_000,
      largeOperations: { maxBodyBytes: 20_000, mutationFields: ['importRows'] },
      context: async (_request, requestId) => ({ requestId }),
    });
    try {
      const send = (body: unknown) =>
        fetch(`http://127.0.0.1:${large.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const content = 'x'.repeat(10_000);
      const imported = await send({
        query: 'mutation($c: String!) { importRows(content: $c) }',
        variables: { c: content },
      });
      expect(await imported.json()).toEqual({ data: { importRows: 10_000 } });
      for (const body of [
        { query: '{ hello(name: "x") }', variables: { padding: content } },
        { query: 'query($c: String!) { hello(name: $c) }', variables: { c: content } },
        {
          query: 'mutation($c: String!) { importRows(content: $c) } query Q { hello(name: "x") }',
          variables: { c: content },
        },
        {
          query: 'mutation($c: String!) { ...F } fragment F on Mutation { importRows(content: $c) }',
          variables: { c: content },
        },
        [{ query: 'mutation($c: String!) { importRows(content: $c) }', variables: { c: content } }],
      ]) {
        const refused = await send(body);
        expect(refused.status, JSON.stringify(body).slice(0, 80)).toBe(413);
        expect(
          ((await refused.json()) as { errors: Array<{ extensions: unknown }> }).errors[0].extensions,
        ).toMatchObject({
          code: 'REQUEST_TOO_LARGE',
          value: 2_000,
        });
      }
      expect(
        (
          await send({
            query: 'mutation($c: String!) { importRows(content: $c) }',
            variables: { c: 'x'.repeat(30_000) },
          })
        ).status,
      ).toBe(413);
    } finally {
      await large.close();
    }
  });

  it('names the port and its variable when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    const attempt = startHttpService({
      service: 'second',
      port,
      portVariable: 'CASES_PORT',
      apollo: new ApolloServer<{ requestId: string }>({ typeDefs, resolvers }),
      logger,
      context: async (_request, requestId) => ({ requestId }),
    });
    await expect(attempt).rejects.toThrow(PortInUseError);
    await expect(attempt).rejects.toThrow(new RegExp(`port ${port} is already in use \\(set CASES_PORT`));
    blocker.close();
  });
});
