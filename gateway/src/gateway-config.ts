import type { LargeOperations } from '@shequ/server';
import { fileURLToPath } from 'node:url';

export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  production: boolean;
  maxBodyBytes: number;
  /** Only the district import may be larger than `maxBodyBytes`. */
  largeOperations?: LargeOperations;
}

export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const raw = env.GATEWAY_PORT;
  const port = raw === undefined || raw === '' ? 4000 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`GATEWAY_PORT=${raw} is not a port number (0–65535)`);
  return {
    port,
    supergraphPath: env.SHEQU_SUPERGRAPH ?? fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
    production: env.NODE_ENV === 'production',
    maxBodyBytes: 1024 * 1024,
    largeOperations: { maxBodyBytes: 20 * 1024 * 1024, mutationFields: ['importResidents'] },
  };
}
