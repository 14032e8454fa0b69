import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@shequ/server';
import { gatewayConfig } from '../src/gateway-config.js';
import type { RunningGateway } from '../src/gateway-server.js';
import { startGatewayWithoutSubgraphs } from './gateway-without-subgraphs.js';

// The gateway's port is the one the public reaches: /metrics there answers only SHEQU_METRICS_TOKEN, and in
// production without one it is not served. Before, it answered anyone.
const TOKEN = 'prometheus-scrape-token-0123456789';
let running: RunningGateway | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function metricsOf(env: Record<string, string>, headers: Record<string, string> = {}) {
  running = await startGatewayWithoutSubgraphs({ SHEQU_JWT_SECRET: 'metrics-test-secret-0123456789abcdef', ...env });
  return fetch(`http://127.0.0.1:${running.http.port}/metrics`, { headers });
}

describe('the gateway’s /metrics', () => {
  it('is not served in production without a token', async () => {
    expect((await metricsOf({ NODE_ENV: 'production' })).status).toBe(404);
  });

  it('answers only its bearer token when SHEQU_METRICS_TOKEN is set', async () => {
    expect((await metricsOf({ NODE_ENV: 'production', SHEQU_METRICS_TOKEN: TOKEN })).status).toBe(401);
    await running!.stop();
    running = undefined;
    const scraped = await metricsOf(
      { NODE_ENV: 'production', SHEQU_METRICS_TOKEN: TOKEN },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('# HELP shequ_http_request_duration_seconds');
  });

  it('is open in development without a token', async () => {
    expect((await metricsOf({})).status).toBe(200);
  });

  it('refuses a short token at start, naming the variable', () => {
    expect(() => gatewayConfig({ SHEQU_METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => gatewayConfig({ SHEQU_METRICS_TOKEN: 'short' })).toThrow(/SHEQU_METRICS_TOKEN/);
  });
});
