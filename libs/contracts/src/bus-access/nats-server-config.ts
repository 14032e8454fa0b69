import { randomBytes } from 'node:crypto';
import { NATS_USERS, natsPermissionsOf } from './nats-permissions.js';

/** The account every user of the graph's bus lives in (JetStream enabled in it). */
export const NATS_ACCOUNT = 'SHEQU';

export type NatsCredentials = Record<string, { user: string; password: string }>;

/** A fresh random password for every user: each service, the platform user. */
export function generateNatsCredentials(): NatsCredentials {
  return Object.fromEntries(
    NATS_USERS.map((user) => [user, { user, password: randomBytes(24).toString('base64url') }]),
  );
}

/** The variables a service (or a platform client) connects with. */
export function natsCredentialEnv(credentials: NatsCredentials, user: string): Record<string, string> {
  const entry = credentials[user];
  if (!entry) throw new Error(`no NATS credentials for ${user}`);
  return { NATS_USER: entry.user, NATS_PASSWORD: entry.password };
}

/**
 * A nats-server configuration (2.9) with authentication and per-user permissions: one user per service and
 * the read-only platform user, all in one account with JetStream. Listen address, port and store stay on the
 * command line (`-js -a -p -sd`). `testUser` (tests only) adds an unrestricted user that connections without
 * credentials become, so tests can play any publisher; production configs never have it.
 */
export function natsServerConfig(credentials: NatsCredentials, options: { testUser?: boolean } = {}): string {
  const users: unknown[] = NATS_USERS.map((name) => {
    const entry = credentials[name];
    if (!entry) throw new Error(`no NATS credentials for ${name}`);
    return { user: entry.user, password: entry.password, permissions: natsPermissionsOf(name) };
  });
  if (options.testUser) users.push({ user: 'test', password: randomBytes(24).toString('base64url') });
  const config: Record<string, unknown> = {
    accounts: { [NATS_ACCOUNT]: { jetstream: 'enabled', users } },
  };
  if (options.testUser) config.no_auth_user = 'test';
  // nats-server reads JSON as its configuration syntax
  return `${JSON.stringify(config, null, 2)}\n`;
}
