import { describe, expect, it } from 'vitest';
import { ConfigError, serviceConfig } from '../src/service-config.js';

describe('NATS credentials of a service', () => {
  it('refuses to start in production without NATS credentials, naming the variable', () => {
    expect(() => serviceConfig('cases', 4002, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => serviceConfig('cases', 4002, { NODE_ENV: 'production' })).toThrow(/NATS_USER is not set/);
    expect(() => serviceConfig('cases', 4002, { NODE_ENV: 'production', NATS_USER: 'cases' })).toThrow(
      /NATS_PASSWORD is not set/,
    );
  });

  it('connects as the given user, and anonymously only outside production', () => {
    expect(
      serviceConfig('cases', 4002, { NODE_ENV: 'production', NATS_USER: 'cases', NATS_PASSWORD: 'pw' }).natsCredentials,
    ).toEqual({ user: 'cases', password: 'pw' });
    expect(serviceConfig('cases', 4002, {}).natsCredentials).toBeUndefined();
    expect(() => serviceConfig('cases', 4002, { NATS_PASSWORD: 'pw' })).toThrow(/NATS_USER is not set/);
  });
});
