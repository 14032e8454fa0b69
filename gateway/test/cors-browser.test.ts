import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { JWT_AUDIENCE, JWT_ISSUER, signHs256Token } from '@shequ/auth';
import { launchChromium, type HeadlessChromium } from '@shequ/testing';
import { gatewayConfig } from '../src/gateway-config.js';
import type { RunningGateway } from '../src/gateway-server.js';
import { startGatewayWithoutSubgraphs } from './gateway-without-subgraphs.js';

// A real browser: a page served on one origin calls the gateway on another with a token. `{ __typename }` is
// answered by the gateway itself, so no subgraph runs here.
const SECRET = 'gateway-cors-test-secret-0123456789abcdef';

async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html><head><meta charset="utf-8"><title>前端</title></head><body>前端页面</body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe('CORS: browser pages on other origins', () => {
  let gateway: RunningGateway;
  let chromium: HeadlessChromium;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let gatewayUrl: string;
  let token: string;

  beforeAll(async () => {
    allowed = await pageServer();
    other = await pageServer();
    gateway = await startGatewayWithoutSubgraphs({
      NODE_ENV: 'production',
      SHEQU_JWT_SECRET: SECRET,
      SHEQU_CORS_ORIGINS: allowed.origin,
    });
    // "localhost" here and 127.0.0.1 for the pages: different origins even apart from the port.
    gatewayUrl = `http://localhost:${gateway.http.port}/graphql`;
    token = await signHs256Token(
      { sub: 'cors-test', name: '测试', community: '350203008006', roles: ['community_admin'] },
      { secret: SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
    );
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await gateway?.stop();
    for (const s of [allowed, other]) await new Promise((resolve) => s?.server.close(resolve));
  });

  /** Runs fetch in the page: the JSON answer, or the error the browser gave the page. */
  const callFrom = async (origin: string) => {
    const { page } = await chromium.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async (url, authorization) => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization },
              body: JSON.stringify({ query: '{ __typename }' }),
            });
            return {
              status: response.status,
              requestId: response.headers.get('x-request-id'),
              body: await response.json(),
            };
          } catch (error) {
            return { error: String(error) };
          }
        },
        gatewayUrl,
        `Bearer ${token}`,
      );
    } finally {
      await page.close();
    }
  };

  it('lets a page on an allowed origin query the gateway with its token (preflight answered)', async () => {
    const answer = await callFrom(allowed.origin);
    expect(answer).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    expect((answer as { requestId: string }).requestId).toBeTruthy();
  });

  it('refuses a page on an origin that is not allowed', async () => {
    const answer = await callFrom(other.origin);
    expect(answer).toEqual({ error: expect.stringMatching(/Failed to fetch/) });
  });

  it('answers the preflight with the origin, never a wildcard, and refuses other origins with a Chinese message', async () => {
    const preflight = await fetch(gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin: allowed.origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed.origin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const refused = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { origin: other.origin, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await refused.json()) as any).errors[0]).toMatchObject({
      message: expect.stringContaining('跨域请求被拒绝'),
      extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
    });
  });

  it('refuses a wildcard origin in production and has no allowed origin there by default', () => {
    expect(() => gatewayConfig({ NODE_ENV: 'production', SHEQU_CORS_ORIGINS: '*' })).toThrow(/not allowed/);
    expect(gatewayConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(gatewayConfig({}).corsOrigins).toContain('http://localhost:5173');
  });
});
