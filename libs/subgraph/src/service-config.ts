import type { ServiceName } from '@shequ/contracts';
import { ConfigError, ENVIRONMENT, readEnvironment, variablesUsedBy } from '@shequ/server';

export { ConfigError };

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

/**
 * Reads a subgraph's settings from the environment (DESIGN: ports, data folder, NATS). Every variable the
 * service reads (ENVIRONMENT in @shequ/server) is checked here, at start: a bad value throws a ConfigError
 * naming the variable.
 */
export function serviceConfig(
  service: ServiceName,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const portVariable = `${service.toUpperCase()}_PORT`;
  const values = readEnvironment(variablesUsedBy(service), env);
  const common = readEnvironment(
    {
      NATS_PORT: ENVIRONMENT.NATS_PORT,
      SHEQU_SEED: ENVIRONMENT.SHEQU_SEED,
      SHEQU_DATA_DIR: ENVIRONMENT.SHEQU_DATA_DIR,
    },
    env,
  );
  const port = values[portVariable];
  return {
    service,
    port: typeof port === 'number' ? port : defaultPort,
    portVariable,
    natsUrl: env.NATS_URL || `nats://127.0.0.1:${common.NATS_PORT}`,
    natsCredentials: natsCredentialsFromEnv(env),
    dataDir: common.SHEQU_DATA_DIR,
    seed: common.SHEQU_SEED as ServiceConfig['seed'], // checked against the schema's literals
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
          variable,
          `${variable} is not set: in production a service connects to NATS only with its own user and password`,
        );
    }
  }
  if (!user && !password) return undefined;
  if (!user || !password)
    throw new ConfigError(
      user ? 'NATS_PASSWORD' : 'NATS_USER',
      `${user ? 'NATS_PASSWORD' : 'NATS_USER'} is not set (NATS_USER and NATS_PASSWORD go together)`,
    );
  return { user, password };
}
