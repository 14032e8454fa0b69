import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER, signHs256Token, type Role } from '@shequ/auth';
import { createLogger } from '@shequ/server';
import { gatewayConfig } from '../src/gateway-config.js';
import { startGateway, type RunningGateway } from '../src/gateway-server.js';

// The real gateway in front of a stand-in residents subgraph (plain node:http) that records what reaches it
// and answers only when the test lets it: so "in flight at the same time" is certain, not a matter of timing.
const SECRET = 'gateway-test-secret-0123456789abcdef';
const settings = { secret: SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE };
const token = async (role: Role, sub = `t-${role}`) =>
  `Bearer ${await signHs256Token({ sub, name: '测试', community: '350203008006', roles: [role] }, settings)}`;

interface Received {
  authorization: string | undefined;
  requestId: string | undefined;
  query: string;
  socket: Socket;
  community: string | undefined;
}

describe('the gateway’s requests to subgraphs', () => {
  let gateway: RunningGateway;
  let residents: Server;
  let url: string;
  const received: Received[] = [];
  let held: Array<() => void> = [];
  let holding = false;

  beforeAll(async () => {
    residents = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
        received.push({
          authorization: request.headers.authorization,
          requestId: request.headers['x-request-id'] as string | undefined,
          community: request.headers['x-shequ-community'] as string | undefined,
          query,
          socket: request.socket,
        });
        const answer = () => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify(
              query.startsWith('mutation')
                ? { data: { revokeApiKey: null }, errors: [{ message: '未找到', extensions: { code: 'NOT_FOUND' } }] }
                : { data: { households: { totalCount: 3 } } },
            ),
          );
        };
        if (holding) held.push(answer);
        else answer();
      });
    });
    residents.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => residents.listen(0, '127.0.0.1', resolve));
    const env = {
      SHEQU_JWT_SECRET: SECRET,
      GATEWAY_PORT: '0',
      RESIDENTS_URL: `http://127.0.0.1:${(residents.address() as AddressInfo).port}/graphql`,
      CASES_PORT: '9',
      PARTYBUILDING_PORT: '9',
      EVENTS_PORT: '9',
    };
    gateway = await startGateway(gatewayConfig(env), {
      logger: createLogger('gateway').child({}, { level: 'silent' }),
      env,
    });
    url = `http://127.0.0.1:${gateway.http.port}/graphql`;
  });
  afterAll(async () => {
    await gateway?.stop();
    residents?.closeAllConnections();
    await new Promise((resolve) => residents?.close(resolve));
  });

  const post = async (query: string, authorization: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as any;
  };

  /** Sends the requests while residents holds its answers, until all of them reached the gateway's client. */
  async function concurrently(requests: Array<() => Promise<any>>): Promise<any[]> {
    const before = gateway.subgraphFetches();
    received.length = 0;
    holding = true;
    const answers = Promise.all(requests.map((r) => r()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const now = gateway.subgraphFetches();
      if (now.sent - before.sent + (now.merged - before.merged) >= requests.length) break;
      if (Date.now() > deadline) throw new Error('the requests did not reach the gateway’s subgraph client');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    holding = false;
    for (const answer of held) answer();
    held = [];
    return answers;
  }

  it('merges identical concurrent queries with the same credential into one subgraph request', async () => {
    const admin = await token('community_admin');
    const query = '{ households(first: 1) { totalCount } }';
    const answers = await concurrently(Array.from({ length: 6 }, () => () => post(query, admin)));
    for (const answer of answers) expect(answer).toEqual({ data: { households: { totalCount: 3 } } });
    expect(received).toHaveLength(1);
    expect(received[0].authorization).toBe(admin);
  });

  it('never merges requests of different credentials, even for the same query', async () => {
    const one = await token('community_admin', 'admin-1');
    const other = await token('community_admin', 'admin-2');
    const query = '{ households(first: 1) { totalCount } }';
    const answers = await concurrently([() => post(query, one), () => post(query, other), () => post(query, one)]);
    for (const answer of answers) expect(answer.data.households.totalCount).toBe(3);
    expect(received.map((r) => r.authorization).sort()).toEqual([one, other].sort());
  });

  it('never merges requests of one credential acting in different communities', async () => {
    const admin = await token('community_admin');
    const query = '{ households(first: 1) { totalCount } }';
    const inCommunity = (code: string) => () => post(query, admin, { 'x-shequ-community': code });
    await concurrently([inCommunity('350203008006'), inCommunity('350203008007'), inCommunity('350203008006')]);
    expect(received.map((r) => r.community).sort()).toEqual(['350203008006', '350203008007']);
  });

  it('does not merge different queries of the same caller', async () => {
    const admin = await token('community_admin');
    await concurrently([
      () => post('{ households(first: 1) { totalCount } }', admin),
      () => post('{ households(first: 2) { totalCount } }', admin),
    ]);
    expect(received).toHaveLength(2);
  });

  it('never merges mutations', async () => {
    const admin = await token('community_admin');
    const mutation = 'mutation { revokeApiKey(id: "k-1") { status } }';
    const answers = await concurrently([() => post(mutation, admin), () => post(mutation, admin)]);
    expect(received).toHaveLength(2);
    expect(received.every((r) => r.query.startsWith('mutation'))).toBe(true);
    for (const answer of answers) expect(answer.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(new Set(received.map((r) => r.requestId)).size).toBe(2);
  });

  it('keeps its connections to a subgraph alive between requests', async () => {
    const admin = await token('community_admin');
    received.length = 0;
    for (let i = 0; i < 5; i++) await post(`{ households(first: ${i + 1}) { totalCount } }`, admin);
    expect(received).toHaveLength(5);
    expect(new Set(received.map((r) => r.socket)).size).toBe(1);
  });
});
