import type { ServiceName } from '@shequ/contracts';

/** 莲秀社区 (思明区嘉莲街道, 厦门): the demo community, and the one development tokens name by default. */
export const DEFAULT_COMMUNITY_ID = '350203008006';

export interface ServiceConfig {
  service: ServiceName;
  port: number;
  portVariable: string;
  natsUrl: string;
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
    dataDir: env.SHEQU_DATA_DIR ?? '.data',
    seed,
    production: env.NODE_ENV === 'production',
  };
}
