import type { LargeOperations } from '@shequ/server';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENT, readEnvironment, variablesUsedBy } from '@shequ/server';

export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  production: boolean;
  maxBodyBytes: number;
  /** Only the district import may be larger than `maxBodyBytes`. */
  largeOperations?: LargeOperations;
}

/** The gateway's settings; every variable it reads is checked here, at start (a ConfigError names a bad one). */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  readEnvironment(variablesUsedBy('gateway'), env);
  const values = readEnvironment(
    { GATEWAY_PORT: ENVIRONMENT.GATEWAY_PORT, SHEQU_SUPERGRAPH: ENVIRONMENT.SHEQU_SUPERGRAPH },
    env,
  );
  return {
    port: values.GATEWAY_PORT,
    supergraphPath: values.SHEQU_SUPERGRAPH ?? fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
    production: env.NODE_ENV === 'production',
    maxBodyBytes: 1024 * 1024,
    largeOperations: { maxBodyBytes: 20 * 1024 * 1024, mutationFields: ['importResidents'] },
  };
}
