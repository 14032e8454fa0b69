import type { ServiceName } from '@shequ/contracts';

/** 莲秀社区 (思明区嘉莲街道, 厦门): the demo community, and the one development tokens name by default. */
export const DEFAULT_COMMUNITY_ID = '350203008006';

export interface ServiceConfig {
  service: ServiceName;
  port: number;
  portVariable: string;
  natsUrl: string;
  /** `NATS_USER` / `NATS_PASSWORD`: required in production, where the bus runs with authentication. */
  natsCredentials?: { user: string; password: string };
  dataDir: string;
  /** `demo`: load the demo community into an empty database on start. */
  seed: 'demo' | 'none';
  production: boolean;
}

export class ConfigError extends Error {}

export function parsePort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${variable}=${value} is not a port number (0–65535)`);
  }
  return port;
}

/** Reads a subgraph's settings from the environment (DESIGN: ports, data folder, NATS). */
export function serviceConfig(
  service: ServiceName,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const portVariable = `${service.toUpperCase()}_PORT`;
  const natsPort = parsePort('NATS_PORT', env.NATS_PORT, 4222);
  const seed = env.SHEQU_SEED ?? 'none';
  if (seed !== 'demo' && seed !== 'none') throw new ConfigError(`SHEQU_SEED=${seed}: expected demo or none`);
  return {
    service,
    port: parsePort(portVariable, env[portVariable], defaultPort),
    portVariable,
    natsUrl: env.NATS_URL ?? `nats://127.0.0.1:${natsPort}`,
    natsCredentials: natsCredentialsFromEnv(env),
    dataDir: env.SHEQU_DATA_DIR ?? '.data',
    seed,
    production: env.NODE_ENV === 'production',
  };
}

/**
 * The NATS user a service connects as. In production (`NODE_ENV=production`) both variables are required: a
 * service never talks to the bus anonymously there. Elsewhere, without them it connects without credentials
 * (a bare development nats-server, or the test server's unrestricted test user).
 */
export function natsCredentialsFromEnv(env: NodeJS.ProcessEnv): { user: string; password: string } | undefined {
  const user = env.NATS_USER;
  const password = env.NATS_PASSWORD;
  if (env.NODE_ENV === 'production') {
    for (const [variable, value] of [
      ['NATS_USER', user],
      ['NATS_PASSWORD', password],
    ] as const) {
      if (!value)
        throw new ConfigError(
          `${variable} is not set: in production a service connects to NATS only with its own user and password`,
        );
    }
  }
  if (!user && !password) return undefined;
  if (!user || !password)
    throw new ConfigError(
      `${user ? 'NATS_PASSWORD' : 'NATS_USER'} is not set (NATS_USER and NATS_PASSWORD go together)`,
    );
  return { user, password };
}
