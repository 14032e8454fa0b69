import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER, signHs256Token } from '@shequ/auth';
import { createLogger } from '@shequ/server';
import { gatewayConfig } from '../src/gateway-config.js';
import { startGateway, type RunningGateway } from '../src/gateway-server.js';

// Two real gateways in front of one stand-in residents subgraph: one answers a single-fetch plan with the
// subgraph's data as it comes (the default), the other executes every plan through Apollo Gateway. Whatever the
// subgraph answers, both must give the client the same answer, and send the subgraph the same requests, once each.
const SECRET = 'gateway-test-secret-0123456789abcdef';
const settings = { secret: SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE };

interface Received {
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  authorization: string | undefined;
}

const PAGE = {
  edges: [{ node: { n: '林**', household: { address: '莲秀路 1 号' } } }, { node: { n: '陈*', household: null } }],
};

describe('the single-fetch path', () => {
  let passing: RunningGateway;
  let executing: RunningGateway;
  /** Single-fetch path and shortcut, but the subgraph's answer always parsed and printed again (no bytes passed on). */
  let parsing: RunningGateway;
  let residents: Server;
  const received: Received[] = [];
  /** The stand-in's answer: `body` printed as Apollo Server prints it (JSON and a newline), or `raw` exactly. */
  let reply: { status: number; body?: unknown; raw?: string; contentType?: string } = {
    status: 200,
    body: { data: { residents: PAGE } },
  };
  let authorization: string;
  const urlOfResidents = () => `http://127.0.0.1:${(residents.address() as AddressInfo).port}/graphql`;
  /** A gateway in front of the stand-in residents (the other subgraphs nowhere), with `changes` to its config. */
  const gatewayOnStandIn = (changes: Partial<ReturnType<typeof gatewayConfig>> = {}) => {
    const env = {
      SHEQU_JWT_SECRET: SECRET,
      GATEWAY_PORT: '0',
      RESIDENTS_URL: urlOfResidents(),
      CASES_PORT: '9',
      PARTYBUILDING_PORT: '9',
      EVENTS_PORT: '9',
    };
    const logger = createLogger('gateway').child({}, { level: 'silent' });
    return startGateway({ ...gatewayConfig(env), ...changes }, { logger, env });
  };

  beforeAll(async () => {
    residents = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body) as Received['body'];
        received.push({ body: parsed, authorization: request.headers.authorization });
        // first: 13 is refused, whatever else is set (a batch mixes refused and answered operations)
        const answer =
          parsed.variables?.first === 13
            ? {
                status: 200,
                body: { data: { residents: null }, errors: [{ message: '不行', path: ['residents'] }] },
                raw: undefined,
                contentType: undefined,
              }
            : reply;
        response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json; charset=utf-8' });
        response.end(answer.raw ?? `${JSON.stringify(answer.body)}\n`);
      });
    });
    await new Promise<void>((resolve) => residents.listen(0, '127.0.0.1', resolve));
    passing = await gatewayOnStandIn();
    executing = await gatewayOnStandIn({ singleFetchPath: false });
    parsing = await gatewayOnStandIn({ forwardSubgraphBytes: false });
    authorization = `Bearer ${await signHs256Token(
      { sub: 'admin', name: '测试', community: '350203008006', roles: ['community_admin'] },
      settings,
    )}`;
  });
  afterAll(async () => {
    await passing?.stop();
    await executing?.stop();
    await parsing?.stop();
    residents?.closeAllConnections();
    await new Promise((resolve) => residents?.close(resolve));
  });
  beforeEach(() => {
    reply = { status: 200, body: { data: { residents: PAGE } } };
  });

  /** The client's answer and what reached the subgraph, from one gateway. */
  async function ask(gateway: RunningGateway, query: string, variables?: Record<string, unknown>) {
    received.length = 0;
    const response = await fetch(`http://127.0.0.1:${gateway.http.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query, variables }),
    });
    // stack traces (development mode) differ in where the error passed, not in what it says
    const answer = JSON.parse(await response.text(), (key, value: unknown) =>
      key === 'stacktrace' ? undefined : value,
    );
    return { status: response.status, answer: answer as unknown, sent: [...received] };
  }

  /** The same request through both gateways, twice (the first plans the document): the same answers and requests. */
  async function both(query: string, variables?: Record<string, unknown>) {
    const before = passing.singleFetches();
    const viaApollo = await ask(executing, query, variables);
    await ask(passing, query, variables);
    const passed = await ask(passing, query, variables);
    expect(passed.status).toBe(viaApollo.status);
    expect(passed.answer).toEqual(viaApollo.answer);
    expect(passed.sent.map((r) => r.body)).toEqual(viaApollo.sent.map((r) => r.body));
    expect(passed.sent.map((r) => r.authorization)).toEqual(viaApollo.sent.map((r) => r.authorization));
    const after = passing.singleFetches();
    return { answer: passed.answer, sent: passed.sent, passed: after.passed - before.passed };
  }

  const QUERY = `query Page($first: Int, $withHousehold: Boolean!) {
    residents(first: $first) { edges { node { n: name household @include(if: $withHousehold) { address } } } }
  }`;

  it('answers a one-subgraph query with the subgraph’s data: the same answer and request as Apollo Gateway’s', async () => {
    const { answer, sent, passed } = await both(QUERY, { first: 2, withHousehold: true });
    expect(answer).toEqual({ data: { residents: PAGE } });
    expect(sent).toHaveLength(1);
    expect(sent[0].body.operationName).toBe('Page__residents__0');
    expect(passed).toBe(1);
  });

  it('hands a subgraph’s errors to Apollo Gateway, which shapes them as always, without asking again', async () => {
    reply = {
      status: 200,
      body: {
        data: { residents: null },
        errors: [{ message: '无权访问', path: ['residents'], extensions: { code: 'FORBIDDEN' } }],
      },
    };
    const { answer, sent, passed } = await both(QUERY, { first: 2, withHousehold: false });
    expect((answer as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(sent).toHaveLength(1);
    expect(passed).toBe(0);
  });

  it('hands a refusal (401) to Apollo Gateway too, without asking again', async () => {
    reply = { status: 401, body: { errors: [{ message: '未认证', extensions: { code: 'UNAUTHENTICATED' } }] } };
    const { answer, sent, passed } = await both(QUERY, { first: 2, withHousehold: true });
    expect((answer as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(sent).toHaveLength(1);
    expect(passed).toBe(0);
  });

  it('leaves invalid variables to Apollo Gateway: refused before any subgraph is asked', async () => {
    const { answer, sent } = await both(QUERY, { first: 'two', withHousehold: true });
    expect((answer as { errors: unknown[] }).errors).toHaveLength(1);
    expect(sent).toHaveLength(0);
  });

  it('replays an answer to its own operation only, even when a batched request’s operations share one context', async () => {
    const url = `http://127.0.0.1:${passing.http.port}/graphql`;
    const batch = [
      { query: QUERY, variables: { first: 13, withHousehold: true } },
      { query: QUERY, variables: { first: 2, withHousehold: true } },
      { query: '{ __typename residents(first: 3) { edges { node { n: name } } } }' },
      { query: QUERY, variables: { first: 13, withHousehold: false } },
    ];
    for (let i = 0; i < 3; i++) {
      received.length = 0;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(batch),
      });
      const answers = (await response.json()) as Array<{ data?: { residents: unknown }; errors?: unknown[] }>;
      expect(answers[0].errors).toHaveLength(1);
      expect(answers[1]).toEqual({ data: { residents: PAGE } });
      expect(answers[2].errors).toBeUndefined();
      expect(answers[3].errors).toHaveLength(1);
      expect(received).toHaveLength(4);
    }
  });

  it('executes through Apollo Gateway what the planner changed or split: `__typename`, several subgraphs', async () => {
    reply = { status: 200, body: { data: { residents: { __typename: 'ResidentConnection', edges: [] } } } };
    const typename = await both('{ __typename residents(first: 1) { __typename edges { node { name } } } }');
    expect(typename.passed).toBe(0);
    const split = await both('{ residents(first: 1) { edges { node { name cases { number } } } } }');
    expect(split.passed).toBe(0);
  });

  describe('the shortcut in front of Apollo Server', () => {
    /** Status, headers (without the per-request ones) and body exactly as sent, and what reached the subgraph. */
    async function raw(gateway: RunningGateway, body: unknown, headers: Record<string, string> = {}) {
      received.length = 0;
      const response = await fetch(`http://127.0.0.1:${gateway.http.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization, ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      // stack traces (development mode) differ in where the error passed, not in what it says
      const withoutStacks = text.includes('"stacktrace"')
        ? `${JSON.stringify(JSON.parse(text, (key, value: unknown) => (key === 'stacktrace' ? undefined : value)))}\n`
        : text;
      const shown = [...response.headers]
        .filter(([name]) => !['date', 'x-request-id', 'keep-alive'].includes(name))
        .map(([name, value]) => [name, name === 'content-length' && withoutStacks !== text ? '(stacks)' : value]);
      return { status: response.status, headers: shown, text: withoutStacks, sent: [...received] };
    }

    /** The same request through both gateways (the passing one has seen the document): byte for byte alike. */
    async function alike(body: unknown, headers: Record<string, string> = {}, gateways = [passing, executing]) {
      const [shortcut, apollo] = gateways;
      // (planned on its first request, passed on the second: then known to the shortcut)
      for (let i = 0; i < 2; i++) await raw(shortcut, { query: QUERY, variables: { first: 2, withHousehold: true } });
      const before = shortcut.singleFetches();
      const viaApollo = await raw(apollo, body, headers);
      const viaShortcut = await raw(shortcut, body, headers);
      expect(viaShortcut).toEqual(viaApollo);
      const after = shortcut.singleFetches();
      return {
        ...viaShortcut,
        shortcut: after.shortcut - before.shortcut,
        forwarded: after.forwarded - before.forwarded,
      };
    }

    it('answers a document it has answered before without Apollo Server: the same status, headers and bytes', async () => {
      const answered = await alike({ query: QUERY, variables: { first: 2, withHousehold: true } });
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.text)).toEqual({ data: { residents: PAGE } });
      expect(answered.sent).toHaveLength(1);
      expect(answered.shortcut).toBe(1);
      // by operation name too; the subgraph gets the plan's own request, variables it uses only
      const byName = { query: QUERY, operationName: 'Page', variables: { first: 3, withHousehold: true } };
      for (let i = 0; i < 2; i++) await raw(passing, byName);
      const named = await alike(byName);
      expect(named.shortcut).toBe(1);
      expect(named.sent[0].body).toMatchObject({ operationName: 'Page__residents__0', variables: { first: 3 } });
    });

    it('leaves the subgraph’s errors and refusals to Apollo Gateway, with the answer it has: asked once', async () => {
      reply = {
        status: 200,
        body: {
          data: { residents: null },
          errors: [{ message: '无权访问', path: ['residents'], extensions: { code: 'FORBIDDEN' } }],
        },
      };
      const errors = await alike({ query: QUERY, variables: { first: 2, withHousehold: true } });
      expect(errors.text).toContain('FORBIDDEN');
      expect(errors.sent).toHaveLength(1);
      expect(errors.shortcut).toBe(0);
      reply = { status: 401, body: { errors: [{ message: '未认证', extensions: { code: 'UNAUTHENTICATED' } }] } };
      const refused = await alike({ query: QUERY, variables: { first: 2, withHousehold: true } });
      expect(refused.text).toContain('UNAUTHENTICATED');
      expect(refused.sent).toHaveLength(1);
      expect(refused.shortcut).toBe(0);
    });

    it('leaves to Apollo Server what it does not check itself or what fails a check: nothing is sent for a refusal', async () => {
      const variables = { first: 2, withHousehold: true };
      const cases: Array<[unknown, Record<string, string>?]> = [
        // over the caller's cost budget (a check), invalid variables
        [{ query: QUERY, variables: { first: 5_000, withHousehold: true } }],
        [{ query: QUERY, variables: { first: 'two', withHousehold: true } }],
        // (what reaches the subgraph is compared too: Apollo Server sends an empty operation name's request on)
        // no credential; another response type; a persisted-query extension; an empty operation name
        [{ query: QUERY, variables }, { authorization: '' }],
        [{ query: QUERY, variables }, { accept: 'application/graphql-response+json' }],
        [{ query: QUERY, variables, extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }],
        [{ query: QUERY, variables, operationName: '' }],
        [{ query: QUERY, variables }, { 'content-type': 'text/plain' }],
      ];
      for (const [body, headers] of cases) {
        const left = await alike(body, headers);
        expect(left.shortcut).toBe(0);
      }
      const overBudget = await alike(cases[0][0]);
      expect(overBudget.text).toContain('QUERY_LIMIT_EXCEEDED');
      expect(overBudget.sent).toHaveLength(0);
    });

    it('runs the trusted-documents check: a front-end role’s ad hoc document is refused as by Apollo Server', async () => {
      const trustedPassing = await gatewayOnStandIn({ trustedDocumentsOnly: true });
      const trustedExecuting = await gatewayOnStandIn({ trustedDocumentsOnly: true, singleFetchPath: false });
      try {
        const gridWorker = `Bearer ${await signHs256Token(
          { sub: 'grid', name: '测试', community: '350203008006', roles: ['grid_worker'] },
          settings,
        )}`;
        const refused = await alike(
          { query: QUERY, variables: { first: 2, withHousehold: true } },
          { authorization: gridWorker },
          [trustedPassing, trustedExecuting],
        );
        expect(refused.text).toContain('UNTRUSTED_DOCUMENT');
        expect(refused.sent).toHaveLength(0);
        expect(refused.shortcut).toBe(0);
      } finally {
        await trustedPassing.stop();
        await trustedExecuting.stop();
      }
    });

    it('answers a trusted document sent by id (a front end’s persisted query) as Apollo Server does', async () => {
      // a manifest of trusted documents holding the test's query, for a passing and an executing gateway
      const folder = mkdtempSync(join(tmpdir(), 'trusted-'));
      const manifest = join(folder, 'persisted-documents.json');
      const sha256Hash = createHash('sha256').update(QUERY).digest('hex');
      writeFileSync(manifest, JSON.stringify({ [sha256Hash]: QUERY }));
      const byIdPassing = await gatewayOnStandIn({ trustedDocumentsPath: manifest });
      const byIdExecuting = await gatewayOnStandIn({ trustedDocumentsPath: manifest, singleFetchPath: false });
      try {
        const variables = { first: 2, withHousehold: true };
        const persistedQuery = { version: 1, sha256Hash };
        const gateways = [byIdPassing, byIdExecuting];
        // by id only, and by id with its exact text (the client's two forms)
        for (const body of [
          { variables, extensions: { persistedQuery } },
          { query: QUERY, operationName: 'Page', variables, extensions: { persistedQuery } },
        ]) {
          // (a document and operation name are judged on their first plan)
          for (let i = 0; i < 2; i++) await raw(byIdPassing, body);
          const answered = await alike(body, {}, gateways);
          expect(JSON.parse(answered.text)).toEqual({ data: { residents: PAGE } });
          expect(answered.sent).toHaveLength(1);
          expect(answered.shortcut).toBe(1);
        }
        // left to Apollo Server, answered alike: an unknown id, a text that is not the id's document, another
        // version, more extensions
        for (const body of [
          { variables, extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
          { query: `${QUERY} `, variables, extensions: { persistedQuery } },
          { variables, extensions: { persistedQuery: { ...persistedQuery, version: 2 } } },
          { variables, extensions: { persistedQuery, clientLibrary: { name: 'x' } } },
        ]) {
          const left = await alike(body, {}, gateways);
          expect(left.shortcut).toBe(0);
        }
      } finally {
        await byIdPassing.stop();
        await byIdExecuting.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    });

    describe('passing the subgraph’s bytes on', () => {
      /**
       * The same request through the gateway that passes bytes on, the one that parses and prints them again, and
       * Apollo Gateway's execution: the same status, headers and bytes from all three; how many were passed on.
       */
      async function allAlike(body: unknown, gateways = { bytes: passing, parsed: parsing, apollo: executing }) {
        const parsed = await alike(body, {}, [gateways.parsed, gateways.apollo]);
        expect(parsed.forwarded).toBe(0);
        const passed = await alike(body, {}, [gateways.bytes, gateways.apollo]);
        expect(passed.text).toBe(parsed.text);
        return passed;
      }
      const request = { query: QUERY, variables: { first: 2, withHousehold: true } };
      /** Strings JSON prints escaped, or that look like the end of the data object and the start of `errors`. */
      const TRICKY = {
        edges: [
          { node: { n: '林"}},"errors":[{"message":"x"}]}\n', household: { address: 'C:\\楼\\ 2 号 "东"\t\u0001' } } },
          { node: { n: '😀 \u2028\u2029 \ud800 {[', household: null } },
          { node: { n: '', household: { address: '}]}' } } },
        ],
      };

      it('passes on an answer that is exactly {"data":{…}} and a newline: the bytes any path would print', async () => {
        for (const residents of [PAGE, TRICKY, { edges: [] }]) {
          reply = { status: 200, body: { data: { residents } } };
          const passed = await allAlike(request);
          expect(passed.forwarded).toBe(1);
          expect(passed.text).toBe(`${JSON.stringify({ data: { residents } })}\n`);
          expect(JSON.parse(passed.text)).toEqual({ data: { residents } });
          expect(passed.sent).toHaveLength(1);
        }
      });

      it('parses every other answer: errors (before or after the data), extensions, another printing or type', async () => {
        const data = JSON.stringify({ residents: PAGE });
        const error =
          '{"message":"无权访问","path":["residents","edges",0,"node","household"],"extensions":{"code":"FORBIDDEN"}}';
        const others: Array<typeof reply> = [
          // errors come first in Apollo Server's answers; after the data in another server's
          { status: 200, raw: `{"errors":[${error}],"data":${data}}\n` },
          { status: 200, raw: `{"data":${data},"errors":[${error}]}\n` },
          { status: 200, raw: `{"data":${data},"extensions":{"cost":3}}\n` },
          { status: 200, raw: `{"data":null,"errors":[${error}]}\n` },
          // printed otherwise: no newline, spaces, indented
          { status: 200, raw: `{"data":${data}}` },
          { status: 200, raw: `{ "data": ${data} }\n` },
          { status: 200, raw: `${JSON.stringify({ data: { residents: PAGE } }, null, 2)}\n` },
          // not JSON by its content type; cut short
          { status: 200, raw: `{"data":${data}}\n`, contentType: 'text/plain' },
          { status: 200, raw: `{"data":${data.slice(0, -3)}\n` },
        ];
        for (const other of others) {
          reply = other;
          const passed = await allAlike(request);
          expect(passed.forwarded, other.raw).toBe(0);
          expect(passed.sent).toHaveLength(1);
        }
      });

      it.each([
        ['in production', true],
        ['in development (npm start)', false],
      ])(
        '%s: a subgraph’s stack traces and internals never reach the client, passed on or not',
        async (_mode, production) => {
          const bytes = await gatewayOnStandIn({ production });
          const parsed = await gatewayOnStandIn({ production, forwardSubgraphBytes: false });
          const apollo = await gatewayOnStandIn({ production, singleFetchPath: false });
          try {
            const gateways = { bytes, parsed, apollo };
            reply = {
              status: 200,
              body: {
                data: { residents: null },
                errors: [
                  {
                    message: '服务器内部错误',
                    path: ['residents'],
                    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at Database.run (/srv/x.js:1)'] },
                  },
                ],
              },
            };
            const failed = await allAlike(request, gateways);
            expect(failed.forwarded).toBe(0);
            expect(failed.text).not.toContain('stacktrace');
            expect(failed.text).not.toContain('/srv/');
            expect(JSON.parse(failed.text)).toEqual({
              errors: [
                {
                  message: '服务器内部错误',
                  path: ['residents'],
                  extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'residents' },
                },
              ],
              data: { residents: null },
            });
            reply = { status: 200, body: { data: { residents: TRICKY } } };
            const answered = await allAlike(request, gateways);
            expect(answered.forwarded).toBe(1);
          } finally {
            await bytes.stop();
            await parsed.stop();
            await apollo.stop();
          }
        },
      );
    });
  });
});
