import { randomBytes } from 'node:crypto';
import { createUser, fromSeed } from '@nats-io/nkeys';
import { DEFAULT_PLATFORM_SCOPES } from './aggregate-scopes.js';
import { NATS_USERS, natsPermissionsOf } from './nats-permissions.js';

/** The account every user of the graph's bus lives in (JetStream enabled in it). */
export const NATS_ACCOUNT = 'SHEQU';

/**
 * A NATS user of the bus: its name (which fixes its permissions and reply inbox) and its NKey seed (`SU…`), the
 * private half of an Ed25519 key pair. The server holds only the public key and checks a signature of its nonce
 * at each connection: no secret is ever written into the server's configuration or sent over the wire.
 */
export interface NatsUserCredentials {
  user: string;
  seed: string;
}

export type NatsCredentials = Record<string, NatsUserCredentials>;

/** A fresh key pair for every user: each service, the platform user. */
export function generateNatsCredentials(): NatsCredentials {
  return Object.fromEntries(
    NATS_USERS.map((user) => [user, { user, seed: new TextDecoder().decode(createUser().getSeed()) }]),
  );
}

/** The public key (`U…`) the server knows a user by. */
export function natsPublicKeyOf(seed: string): string {
  return fromSeed(new TextEncoder().encode(seed)).getPublicKey();
}

/** The variables a service (or a platform client) connects with. */
export function natsCredentialEnv(credentials: NatsCredentials, user: string): Record<string, string> {
  const entry = credentials[user];
  if (!entry) throw new Error(`no NATS credentials for ${user}`);
  return { NATS_USER: entry.user, NATS_NKEY_SEED: entry.seed };
}

/**
 * A nats-server configuration (2.9) with NKey authentication and per-user permissions: one user per service and
 * the read-only platform user (public keys only), all in one account with JetStream. Listen address, port and store stay on the
 * command line (`-js -a -p -sd`). `testUser` (tests only) adds an unrestricted user that connections without
 * credentials become, so tests can play any publisher; production configs never have it. `platformScopes`: what
 * the platform user is granted (aggregate-scopes.ts; default: no aggregate naming a person).
 */
export function natsServerConfig(
  credentials: NatsCredentials,
  options: { testUser?: boolean; platformScopes?: readonly string[] } = {},
): string {
  const platformScopes = options.platformScopes ?? DEFAULT_PLATFORM_SCOPES;
  const users: unknown[] = NATS_USERS.map((name) => {
    const entry = credentials[name];
    if (!entry) throw new Error(`no NATS credentials for ${name}`);
    return { nkey: natsPublicKeyOf(entry.seed), permissions: natsPermissionsOf(name, platformScopes) };
  });
  // `no_auth_user` can only name a user with a name: the test user keeps a (random, never used) password
  if (options.testUser) users.push({ user: 'test', password: randomBytes(24).toString('base64url') });
  const config: Record<string, unknown> = {
    accounts: { [NATS_ACCOUNT]: { jetstream: 'enabled', users } },
  };
  if (options.testUser) config.no_auth_user = 'test';
  // nats-server reads JSON as its configuration syntax
  return `${JSON.stringify(config, null, 2)}\n`;
}
