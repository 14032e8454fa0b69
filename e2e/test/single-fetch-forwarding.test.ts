import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationFor } from '@shequ/subgraph/testing';
import { ROOT, startSystem, type RunningSystem } from './system.js';

/**
 * The gateway's single-fetch shortcut passes a subgraph's answer on as its bytes when it is exactly `{"data":{…}}`
 * (no errors, no extensions). In front of the real subgraphs, three gateways in this process — one passing bytes
 * on (the default), one parsing and printing every answer again (`forwardSubgraphBytes: false`), one executing every
 * plan through Apollo Gateway (`singleFetchPath: false`) — must give every client the same status and the same
 * bytes: aliases, variables, masked fields, the subgraph's errors, and in production mode.
 */
interface Gateway {
  http: { port: number };
  singleFetches(): { passed: number; planned: number; shortcut: number; forwarded: number };
  stop(): Promise<void>;
}

describe('passing a single fetch’s answer on as its bytes, in front of the real subgraphs', () => {
  let system: RunningSystem;
  const started: Gateway[] = [];

  /** The three gateways, in this process, in front of the system's subgraphs. */
  async function trio(production: boolean) {
    const { startGateway } = (await import(`${ROOT}gateway/dist/gateway-server.js`)) as {
      startGateway: (config: object, options: object) => Promise<Gateway>;
    };
    const { gatewayConfig } = (await import(`${ROOT}gateway/dist/gateway-config.js`)) as {
      gatewayConfig: (env: NodeJS.ProcessEnv) => object;
    };
    const { createLogger } = await import('@shequ/server');
    const env = { ...system.env, GATEWAY_PORT: '0' };
    const config = { ...gatewayConfig(env), production };
    const logger = createLogger('gateway').child({}, { level: 'silent' });
    const start = async (extra: object) => {
      const gateway = await startGateway({ ...config, ...extra }, { logger, env });
      started.push(gateway);
      return gateway;
    };
    return {
      bytes: await start({}),
      parsed: await start({ forwardSubgraphBytes: false }),
      apollo: await start({ singleFetchPath: false }),
    };
  }

  // (a generous time: the system and three gateways start on a shared machine)
  beforeAll(async () => {
    system = await startSystem();
  }, 600_000);
  afterAll(async () => {
    await Promise.all(started.map((g) => g.stop()));
    await system?.stop();
  });

  async function raw(gateway: Gateway, body: unknown, role: string) {
    const response = await fetch(`http://127.0.0.1:${gateway.http.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorizationFor({ role: role as never })) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    // stack traces (the subgraphs run in development mode) differ in where the error passed, not in what it says
    const shown = text.includes('"stacktrace"')
      ? JSON.stringify(JSON.parse(text, (key, value: unknown) => (key === 'stacktrace' ? '…' : value)))
      : text;
    return { status: response.status, contentType: response.headers.get('content-type'), text: shown };
  }

  /** The same request through the three gateways (the first two asked once before: planned, then known). */
  async function alike(gateways: Awaited<ReturnType<typeof trio>>, body: unknown, role = 'community_admin') {
    for (const gateway of [gateways.bytes, gateways.parsed]) for (let i = 0; i < 2; i++) await raw(gateway, body, role);
    const before = gateways.bytes.singleFetches().forwarded;
    const viaBytes = await raw(gateways.bytes, body, role);
    const forwarded = gateways.bytes.singleFetches().forwarded - before;
    const viaParsed = await raw(gateways.parsed, body, role);
    const viaApollo = await raw(gateways.apollo, body, role);
    expect(viaBytes).toEqual(viaApollo);
    expect(viaParsed).toEqual(viaApollo);
    return { ...viaBytes, forwarded };
  }

  const PAGE = `query Page($first: Int, $withHousehold: Boolean!) {
    residents(first: $first) {
      totalCount
      edges { node { id n: name gender household @include(if: $withHousehold) { address } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  it('passes data-only answers on, byte for byte what the other paths print; parses the rest', async () => {
    const gateways = await trio(false);
    const page = await alike(gateways, { query: PAGE, variables: { first: 20, withHousehold: true } });
    expect(page.status).toBe(200);
    expect(page.forwarded).toBe(1);
    expect(JSON.parse(page.text).data.residents.edges).toHaveLength(20);
    // aliases at the root, the same field twice under two names, an operation picked by name
    const twice = {
      query: `query Two { a: residents(first: 2) { edges { node { name } } } b: residents(first: 3) { totalCount } }
              query Other { residents(first: 1) { totalCount } }`,
      operationName: 'Two',
    };
    const aliased = await alike(gateways, twice);
    expect(aliased.forwarded).toBe(1);
    expect(Object.keys(JSON.parse(aliased.text).data)).toEqual(['a', 'b']);
    // another role: the subgraph masks what it may not see; the masked answer is passed on as it came
    const masked = await alike(gateways, { query: PAGE, variables: { first: 5, withHousehold: false } }, 'grid_worker');
    expect(masked.status).toBe(200);
    // the subgraph's errors: shaped by Apollo Gateway as always (never passed on as they came)
    for (const query of [
      `{ floatingResidentsExpiring(first: 5, before: "not a date") { totalCount } }`,
      `{ residentByIdNumber(idNumber: "123") { name } }`,
      `{ residents(first: 500) { totalCount } }`,
    ]) {
      const failed = await alike(gateways, { query });
      if (failed.text.includes('"errors"')) expect(failed.forwarded).toBe(0);
    }
    // a `__typename` the client asks on a type of one subgraph: the planner keeps the selection as it is, so the
    // answer is passed on — the same bytes as Apollo Gateway's (a root `__typename`, which the gateway answers
    // itself, takes Apollo Gateway's path: gateway/test/single-fetch.test.ts)
    const typename = await alike(gateways, { query: `{ residents(first: 2) { __typename edges { node { name } } } }` });
    expect(typename.forwarded).toBe(1);
  }, 600_000);

  it('in production mode the same: a subgraph’s error details (stack traces) never reach the client', async () => {
    const gateways = await trio(true);
    const page = await alike(gateways, { query: PAGE, variables: { first: 10, withHousehold: true } });
    expect(page.forwarded).toBe(1);
    const failed = await alike(gateways, {
      query: `{ floatingResidentsExpiring(first: 5, before: "not a date") { totalCount } }`,
    });
    expect(failed.forwarded).toBe(0);
    expect(failed.text).not.toContain('stacktrace');
  }, 600_000);
});
