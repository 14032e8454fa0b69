import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import { signHs256Token, jwtSettingsFromEnv } from '@shequ/auth';
import { startGateway, type RunningGateway } from '../src/gateway-server.js';
import type { GatewayContext } from '../src/forwarding-data-source.js';

// What a repeated request need not do again: Apollo Server calls parsingDidStart / validationDidStart only when the
// document is not in its document cache, and the gateway plans only when the plan is not in its plan cache.
describe('the gateway’s per-document caches', () => {
  let residents: Server;
  let gateway: RunningGateway;
  let token: string;
  const counts = { requests: 0, parsed: 0, validated: 0, fetches: 0 };
  const observer: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      counts.requests += 1;
      return {
        async parsingDidStart() {
          counts.parsed += 1;
        },
        async validationDidStart() {
          counts.validated += 1;
        },
      };
    },
  };

  beforeAll(async () => {
    residents = createServer((request, response) => {
      counts.fetches += 1;
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
      { env: { RESIDENTS_URL: `http://127.0.0.1:${port}/graphql` }, plugins: [observer] },
    );
    token = await signHs256Token(
      {
        sub: 'request-caches',
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

  const ask = (query: string, variables?: Record<string, unknown>) =>
    fetch(gateway.http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json());

  it('parses and validates a document once, however often (and with whatever variables) it is sent', async () => {
    const query = 'query Keys($flag: Boolean!) { apiKeys { id } t: __typename @include(if: $flag) }';
    for (let i = 0; i < 5; i++)
      expect(await ask(query, { flag: i % 2 === 0 })).toMatchObject({ data: { apiKeys: [] } });
    expect(counts).toMatchObject({ requests: 5, parsed: 1, validated: 1, fetches: 5 });
    // another document is parsed and validated once too
    for (let i = 0; i < 3; i++) await ask('{ apiKeys { id name } }');
    expect(counts).toMatchObject({ requests: 8, parsed: 2, validated: 2 });
  });
});
