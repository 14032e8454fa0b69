import type { ServiceName } from '@shequ/contracts';
import {
  ConfigError,
  ENVIRONMENT,
  metricsAccessFrom,
  readEnvironment,
  variablesUsedBy,
  type MetricsAccess,
} from '@shequ/server';

export { ConfigError };

/** 莲秀社区 (思明区嘉莲街道, 厦门): the demo community, and the one development tokens name by default. */
export const DEFAULT_COMMUNITY_ID = '350203008006';

export interface ServiceConfig {
  service: ServiceName;
  port: number;
  portVariable: string;
  natsUrl: string;
  /** `NATS_USER` / `NATS_NKEY_SEED`: required in production, where the bus runs with authentication. */
  natsCredentials?: { user: string; seed: string };
  dataDir: string;
  /** `demo`: load the demo community into an empty database on start. */
  seed: 'demo' | 'none';
  production: boolean;
  /** Who may scrape /metrics (`SHEQU_METRICS_TOKEN`; default open, not served in production). */
  metricsAccess: MetricsAccess;
  /** `SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT`: SQLite's waiting write transactions beyond which a write is refused. */
  sqliteTransactionQueueLimit: number;
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
      SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT: ENVIRONMENT.SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT,
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
    metricsAccess: metricsAccessFrom(env),
    sqliteTransactionQueueLimit: common.SHEQU_SQLITE_TRANSACTION_QUEUE_LIMIT,
  };
}

/**
 * The NATS user a service connects as. In production (`NODE_ENV=production`) both variables are required: a
 * service never talks to the bus anonymously there. Elsewhere, without them it connects without credentials
 * (a bare development nats-server, or the test server's unrestricted test user).
 */
export function natsCredentialsFromEnv(env: NodeJS.ProcessEnv): { user: string; seed: string } | undefined {
  const user = env.NATS_USER;
  const seed = env.NATS_NKEY_SEED;
  if (env.NODE_ENV === 'production') {
    for (const [variable, value] of [
      ['NATS_USER', user],
      ['NATS_NKEY_SEED', seed],
    ] as const) {
      if (!value)
        throw new ConfigError(
          variable,
          `${variable} is not set: in production a service connects to NATS only as its own user, with its NKey`,
        );
    }
  }
  if (!user && !seed) return undefined;
  if (!user || !seed)
    throw new ConfigError(
      user ? 'NATS_NKEY_SEED' : 'NATS_USER',
      `${user ? 'NATS_NKEY_SEED' : 'NATS_USER'} is not set (NATS_USER and NATS_NKEY_SEED go together)`,
    );
  if (!/^SU[A-Z2-7]{56}$/.test(seed))
    throw new ConfigError(
      'NATS_NKEY_SEED',
      'NATS_NKEY_SEED is not a NATS user seed (SU followed by 56 base32 characters)',
    );
  return { user, seed };
}
