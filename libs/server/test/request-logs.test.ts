import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { errorLogPlugin, startHttpService, type RunningHttpService } from '../src/index.js';

class ExpectedError extends Error {}

const typeDefs = 'type Query { broken(phone: String): String, refused: String, fine: String }';
const resolvers = {
  Query: {
    broken: () => {
      throw new Error('database went away');
    },
    refused: () => {
      throw new ExpectedError('不允许');
    },
    fine: () => {
      throw new GraphQLError('无权限', { extensions: { code: 'FORBIDDEN' } });
    },
  },
};

describe('request logs', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  let service: RunningHttpService;
  let base: string;

  beforeAll(async () => {
    service = await startHttpService<{ requestId: string }>({
      service: 'test',
      port: 0,
      apollo: new ApolloServer<{ requestId: string }>({
        typeDefs,
        resolvers,
        plugins: [errorLogPlugin({ logger, isExpected: (e) => e instanceof ExpectedError })],
      }),
      logger,
      context: async (_request, requestId) => ({ requestId }),
    });
    base = `http://127.0.0.1:${service.port}`;
  });
  afterAll(() => service?.close());

  const query = (text: string, requestId: string) =>
    fetch(`${base}/graphql?secret=13800000000`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query: text }),
    });

  it('logs a resolver error with the request id and the path', async () => {
    await query('{ broken(phone: "13912345678") }', 'req-broken-1');
    const errors = lines.filter((l) => l.msg === 'unexpected resolver error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ level: 50, requestId: 'req-broken-1', path: ['broken'] });
    expect((errors[0].err as { message: string }).message).toBe('database went away');
  });

  it('does not log expected errors (the caller is told, nothing is wrong)', async () => {
    lines.length = 0;
    await query('{ refused fine }', 'req-refused-1');
    expect(lines.filter((l) => l.msg === 'unexpected resolver error')).toEqual([]);
  });

  it('writes one access line per request: method, path, status, duration, request id; no personal data', async () => {
    lines.length = 0;
    await query('{ broken(phone: "13912345678") }', 'req-access-1');
    await fetch(`${base}/health`, { headers: { 'x-request-id': 'req-access-2' } });
    const access = lines.filter((l) => l.msg === 'request');
    expect(access).toHaveLength(2);
    expect(access[0]).toMatchObject({
      level: 30,
      requestId: 'req-access-1',
      method: 'POST',
      path: '/graphql',
      status: 200,
    });
    expect(access[0].durationMs).toEqual(expect.any(Number));
    expect(access[1]).toMatchObject({ requestId: 'req-access-2', method: 'GET', path: '/health', status: 200 });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('13800000000');
  });
});

describe('a server that works under its own request ids (the gateway)', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  let service: RunningHttpService;

  beforeAll(async () => {
    service = await startHttpService<{ requestId: string }>({
      service: 'gateway',
      port: 0,
      apollo: new ApolloServer<{ requestId: string }>({
        typeDefs: 'type Query { whoAsked: String }',
        resolvers: { Query: { whoAsked: (_: unknown, __: unknown, ctx: { requestId: string }) => ctx.requestId } },
      }),
      logger,
      context: async (_request, requestId) => ({ requestId }),
      requestIds: 'own',
    });
  });
  afterAll(() => service?.close());

  it("keeps a client's x-request-id out of every identity: a new one each time, the client's only logged", async () => {
    const ask = (id: string) =>
      fetch(`http://127.0.0.1:${service.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
        body: JSON.stringify({ query: '{ whoAsked }' }),
      });
    const answers = [await ask('same-1'), await ask('same-1'), await ask('not acceptable!')];
    const ids = await Promise.all(
      answers.map(async (r) => [r.headers.get('x-request-id'), ((await r.json()) as any).data.whoAsked]),
    );
    for (const [header, seen] of ids) {
      expect(header).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen).toBe(header);
    }
    expect(new Set(ids.map(([header]) => header)).size).toBe(3);
    const access = lines.filter((l) => l.msg === 'request');
    expect(access.map((l) => [l.requestId, l.clientRequestId])).toEqual([
      [ids[0][0], 'same-1'],
      [ids[1][0], 'same-1'],
      [ids[2][0], undefined],
    ]);
  });
});
