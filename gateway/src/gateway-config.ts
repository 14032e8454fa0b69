import { fileURLToPath } from 'node:url';
import { corsOriginsFrom } from '@shequ/server';

export interface GatewayConfig {
  port: number;
  supergraphPath: string;
  /** The schema clients see (written with the supergraph): names the columns of exports. */
  apiSchemaPath?: string;
  production: boolean;
  maxBodyBytes: number;
  /** Origins of browser pages allowed to call the gateway (CORS). */
  corsOrigins?: string[];
  /** Whether the GraphiQL explorer is served at /explorer (and to browsers at GET /graphql). */
  explorer?: boolean;
  /** Whether front-end roles may run only the trusted documents of the manifest. */
  trustedDocumentsOnly?: boolean;
  /** The trusted documents manifest (sha256 → document), generated with @shequ/client. */
  trustedDocumentsPath?: string;
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

export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const raw = env.GATEWAY_PORT;
  const port = raw === undefined || raw === '' ? 4000 : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`GATEWAY_PORT=${raw} is not a port number (0–65535)`);
  const production = env.NODE_ENV === 'production';
  return {
    port,
    supergraphPath: env.SHEQU_SUPERGRAPH ?? fileURLToPath(new URL('../supergraph.graphql', import.meta.url)),
    production,
    maxBodyBytes: 20 * 1024 * 1024,
    corsOrigins: corsOriginsFrom(env.SHEQU_CORS_ORIGINS, production ? [] : DEVELOPMENT_CORS_ORIGINS, production),
    explorer: flag(env.SHEQU_EXPLORER, !production, 'SHEQU_EXPLORER'),
    trustedDocumentsOnly: flag(env.SHEQU_TRUSTED_DOCUMENTS_ONLY, production, 'SHEQU_TRUSTED_DOCUMENTS_ONLY'),
    trustedDocumentsPath: env.SHEQU_TRUSTED_DOCUMENTS || undefined,
  };
}
