import type { LargeOperations, MetricsAccess } from '@shequ/server';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENT, corsOriginsFrom, metricsAccessFrom, readEnvironment, variablesUsedBy } from '@shequ/server';

export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  /** The schema clients see (written with the supergraph): names the columns of exports. */
  apiSchemaPath?: string;
  production: boolean;
  maxBodyBytes: number;
  /** Only the district import may be larger than `maxBodyBytes`. */
  largeOperations?: LargeOperations;
  /** Origins of browser pages allowed to call the gateway (CORS). */
  corsOrigins?: string[];
  /** Who may scrape /metrics (`SHEQU_METRICS_TOKEN`; default open, not served in production). */
  metricsAccess?: MetricsAccess;
  /** Whether the GraphiQL explorer is served at /explorer (and to browsers at GET /graphql). */
  explorer?: boolean;
  /** Whether front-end roles may run only the trusted documents of the manifest. */
  trustedDocumentsOnly?: boolean;
  /** The trusted documents manifest (sha256 → document), generated with @shequ/client. */
  trustedDocumentsPath?: string;
  /** Whether identical concurrent subgraph queries with the same credential are merged (default on). */
  mergeIdenticalFetches?: boolean;
  /**
   * Whether a query planned as one fetch with the client's own selection is answered with the subgraph's data as it
   * comes (default on; see SingleFetchPath). Off: Apollo Gateway executes every plan (tests compare the two).
   */
  singleFetchPath?: boolean;
  /**
   * Whether the single-fetch path passes a subgraph's answer on as its bytes when it is exactly `{"data":{…}}`
   * (default on; see `isDataOnlyAnswer`). Off: the answer is parsed and printed again (tests compare the two).
   */
  forwardSubgraphBytes?: boolean;
}

export const API_SCHEMA_PATH = fileURLToPath(new URL('../api-schema.graphql', import.meta.url));

/** A front end's development server (Vite's default port) may call the gateway under `npm start`. */
export const DEVELOPMENT_CORS_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

function flag(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(value)) return true;
  if (/^(0|false|off|no)$/i.test(value)) return false;
  throw new Error(`${name}=${value} is neither on nor off (1/0, true/false, on/off)`);
}

/** The gateway's settings; every variable it reads is checked here, at start (a ConfigError names a bad one). */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  readEnvironment(variablesUsedBy('gateway'), env);
  const values = readEnvironment(
    { GATEWAY_PORT: ENVIRONMENT.GATEWAY_PORT, SHEQU_SUPERGRAPH: ENVIRONMENT.SHEQU_SUPERGRAPH },
    env,
  );
  const production = env.NODE_ENV === 'production';
  return {
    port: values.GATEWAY_PORT,
    supergraphPath: values.SHEQU_SUPERGRAPH ?? fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
    production,
    maxBodyBytes: 1024 * 1024,
    largeOperations: { maxBodyBytes: 20 * 1024 * 1024, mutationFields: ['importResidents'] },
    corsOrigins: corsOriginsFrom(env.SHEQU_CORS_ORIGINS, production ? [] : DEVELOPMENT_CORS_ORIGINS, production),
    metricsAccess: metricsAccessFrom(env),
    explorer: flag(env.SHEQU_EXPLORER, !production, 'SHEQU_EXPLORER'),
    trustedDocumentsOnly: flag(env.SHEQU_TRUSTED_DOCUMENTS_ONLY, production, 'SHEQU_TRUSTED_DOCUMENTS_ONLY'),
    trustedDocumentsPath: env.SHEQU_TRUSTED_DOCUMENTS || undefined,
  };
}
