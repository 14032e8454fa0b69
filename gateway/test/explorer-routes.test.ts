import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/gateway-server.js';
import { startGatewayWithoutSubgraphs } from './gateway-without-subgraphs.js';

async function gatewayWith(env: Record<string, string>): Promise<{ gateway: RunningGateway; base: string }> {
  const gateway = await startGatewayWithoutSubgraphs({
    SHEQU_JWT_SECRET: 'explorer-test-secret-0123456789abcdef',
    ...env,
  });
  return { gateway, base: `http://127.0.0.1:${gateway.http.port}` };
}

describe('the explorer in production', () => {
  let off: { gateway: RunningGateway; base: string };
  let on: { gateway: RunningGateway; base: string };
  beforeAll(async () => {
    off = await gatewayWith({ NODE_ENV: 'production' });
    on = await gatewayWith({ NODE_ENV: 'production', SHEQU_EXPLORER: 'on' });
  });
  afterAll(async () => {
    await off?.gateway.stop();
    await on?.gateway.stop();
  });

  it('is not served unless enabled, and Apollo’s CDN landing page is never served', async () => {
    expect((await fetch(`${off.base}/explorer`)).status).toBe(404);
    const browser = await fetch(`${off.base}/graphql`, { headers: { accept: 'text/html' } });
    expect(await browser.text()).not.toMatch(/<html|cdn|apollographql/i);
  });

  it('when enabled, serves the bundled GraphiQL that may load nothing but the gateway, and the saved queries', async () => {
    for (const path of ['/explorer', '/graphql']) {
      const page = await fetch(`${on.base}${path}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
      const html = await page.text();
      expect(html).toContain('<script src="/explorer/explorer.js">');
      expect(html).not.toMatch(/https?:\/\//);
    }
    const script = await fetch(`${on.base}/explorer/explorer.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(100_000);
    const saved = (await (await fetch(`${on.base}/explorer/saved-queries.json`)).json()) as { title: string }[];
    expect(saved.map((q) => q.title)).toContain('三会一课落实情况（按党支部）');
  });
});
