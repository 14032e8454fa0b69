import { describe, expect, it } from 'vitest';
import { generateNatsCredentials } from '@shequ/contracts';
import { ConfigError, serviceConfig } from '../src/service-config.js';

const SEED = generateNatsCredentials().cases.seed;

describe('NATS credentials of a service', () => {
  it('refuses to start in production without NATS credentials, naming the variable', () => {
    expect(() => serviceConfig('cases', 4002, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => serviceConfig('cases', 4002, { NODE_ENV: 'production' })).toThrow(/NATS_USER is not set/);
    expect(() => serviceConfig('cases', 4002, { NODE_ENV: 'production', NATS_USER: 'cases' })).toThrow(
      /NATS_NKEY_SEED is not set/,
    );
  });

  it('connects as the given user, and anonymously only outside production', () => {
    expect(
      serviceConfig('cases', 4002, { NODE_ENV: 'production', NATS_USER: 'cases', NATS_NKEY_SEED: SEED })
        .natsCredentials,
    ).toEqual({ user: 'cases', seed: SEED });
    expect(serviceConfig('cases', 4002, {}).natsCredentials).toBeUndefined();
    expect(() => serviceConfig('cases', 4002, { NATS_NKEY_SEED: SEED })).toThrow(/NATS_USER is not set/);
  });

  it('refuses a seed that is not a NATS user seed (a password pasted where the NKey goes)', () => {
    expect(() => serviceConfig('cases', 4002, { NATS_USER: 'cases', NATS_NKEY_SEED: 'pw' })).toThrow(
      /NATS_NKEY_SEED is not a NATS user seed/,
    );
  });
});
