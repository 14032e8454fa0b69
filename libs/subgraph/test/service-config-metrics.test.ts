import { describe, expect, it } from 'vitest';
import { generateNatsCredentials } from '@shequ/contracts';
import { ConfigError, serviceConfig } from '../src/service-config.js';

// A subgraph's /metrics follows SHEQU_METRICS_TOKEN as the gateway's does (libs/server metricsAccessFrom).
const SEED = generateNatsCredentials().cases.seed;
describe('serviceConfig: who may scrape /metrics', () => {
  it('is open in development, not served in production, and the token’s when one is set', () => {
    expect(serviceConfig('cases', 4002, {}).metricsAccess).toEqual({ kind: 'open' });
    const production = { NODE_ENV: 'production', NATS_USER: 'cases', NATS_NKEY_SEED: SEED };
    expect(serviceConfig('cases', 4002, production).metricsAccess).toEqual({ kind: 'closed' });
    const token = 'prometheus-scrape-token-0123456789';
    expect(serviceConfig('cases', 4002, { ...production, SHEQU_METRICS_TOKEN: token }).metricsAccess).toEqual({
      kind: 'token',
      token,
    });
  });

  it('refuses a token shorter than 16 characters at start, naming the variable', () => {
    expect(() => serviceConfig('events', 4004, { SHEQU_METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => serviceConfig('events', 4004, { SHEQU_METRICS_TOKEN: 'short' })).toThrow(/SHEQU_METRICS_TOKEN/);
  });
});
