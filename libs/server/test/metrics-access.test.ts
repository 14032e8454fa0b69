import { afterEach, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import {
  metricsAccessFrom,
  observeOnScrape,
  startHttpService,
  type MetricsAccess,
  type RunningHttpService,
} from '../src/index.js';

// Every scrape of /metrics reads the database and the stream (table sizes, backlogs): with SHEQU_METRICS_TOKEN it
// answers only that bearer token, in production without one it is not served, and a burst of scrapes costs one
// collection. Before, it answered anyone who reached the port, each scrape collecting anew.
const logger = pino({ level: 'silent' });
let service: RunningHttpService | undefined;
afterEach(() => service?.close());

async function serve(metricsAccess: MetricsAccess | undefined): Promise<string> {
  service = await startHttpService<object>({
    service: 'test',
    port: 0,
    apollo: new ApolloServer({ typeDefs: 'type Query { ok: Boolean }' }),
    logger,
    context: async () => ({}),
    metricsAccess,
  });
  return `http://127.0.0.1:${service.port}/metrics`;
}

describe('who may scrape /metrics', () => {
  it('reads the policy from the environment', () => {
    expect(metricsAccessFrom({})).toEqual({ kind: 'open' });
    expect(metricsAccessFrom({ NODE_ENV: 'production' })).toEqual({ kind: 'closed' });
    const token = 'k3Hq9-metrics-token-for-prometheus';
    expect(metricsAccessFrom({ SHEQU_METRICS_TOKEN: token })).toEqual({ kind: 'token', token });
    expect(metricsAccessFrom({ SHEQU_METRICS_TOKEN: token, NODE_ENV: 'production' })).toEqual({ kind: 'token', token });
  });

  it('answers only the bearer token when one is set', async () => {
    const url = await serve({ kind: 'token', token: 'k3Hq9-metrics-token-for-prometheus' });
    const without = await fetch(url);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await without.text()).not.toContain('shequ_http_request_duration_seconds');
    for (const authorization of [
      'Bearer wrong',
      'Bearer k3Hq9-metrics-token-for-prometheu',
      'k3Hq9-metrics-token-for-prometheus',
    ])
      expect((await fetch(url, { headers: { authorization } })).status, authorization).toBe(401);
    const scraped = await fetch(url, { headers: { authorization: 'Bearer k3Hq9-metrics-token-for-prometheus' } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('shequ_http_request_duration_seconds');
  });

  it('is not served in production without a token, and open in development', async () => {
    expect((await fetch(await serve({ kind: 'closed' }))).status).toBe(404);
    await service!.close();
    const open = await fetch(await serve(undefined));
    expect(open.status).toBe(200);
  });

  it('collects once for scrapes that arrive together, and anew for the next', async () => {
    const url = await serve(undefined);
    let collections = 0;
    observeOnScrape(service!.metrics.registry, {
      name: 'shequ_test_slow_rows',
      help: 'a metric that takes a while to read',
      labelNames: [],
      collect: async () => {
        collections += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return [{ labels: {}, value: collections }];
      },
    });
    const texts = await Promise.all([1, 2, 3, 4, 5].map(async () => (await fetch(url)).text()));
    expect(collections).toBe(1);
    for (const text of texts) expect(text).toMatch(/shequ_test_slow_rows\{service="test"\} 1/);
    expect(await (await fetch(url)).text()).toMatch(/shequ_test_slow_rows\{service="test"\} 2/);
  });
});
