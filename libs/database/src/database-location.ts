import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export type Dialect = 'sqlite' | 'postgresql';

export interface DatabaseLocation {
  dialect: Dialect;
  /** SQLite: the file path. PostgreSQL: the database name. */
  dbName: string;
  /** PostgreSQL only: connection URL of the service's own database. */
  clientUrl?: string;
}

export interface LocationSettings {
  service: string;
  /** Folder for SQLite files; default `SHEQU_DATA_DIR` or `.data`. */
  dataDir?: string;
  /** A PostgreSQL URL; default `<SERVICE>_DATABASE_URL`, then `DATABASE_URL`. */
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Where a service keeps its data. Each service owns its database:
 * - default: SQLite file `<SHEQU_DATA_DIR>/<service>.sqlite`;
 * - `<SERVICE>_DATABASE_URL`: that PostgreSQL database as given;
 * - `DATABASE_URL`: one PostgreSQL server, database `<name>_<service>` (created when missing).
 */
export function databaseLocation(settings: LocationSettings): DatabaseLocation {
  const env = settings.env ?? process.env;
  const own = env[`${settings.service.toUpperCase()}_DATABASE_URL`];
  const shared = settings.databaseUrl ?? env.DATABASE_URL;
  if (own) {
    const url = new URL(own);
    return { dialect: 'postgresql', clientUrl: url.toString(), dbName: decodeURIComponent(url.pathname.slice(1)) };
  }
  if (shared) {
    const url = new URL(shared);
    if (!/^postgres(ql)?:$/.test(url.protocol))
      throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${url.protocol}`);
    const base = decodeURIComponent(url.pathname.slice(1)) || 'shequ';
    const dbName = `${base}_${settings.service}`;
    url.pathname = `/${encodeURIComponent(dbName)}`;
    return { dialect: 'postgresql', clientUrl: url.toString(), dbName };
  }
  const dataDir = resolve(settings.dataDir ?? env.SHEQU_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  return { dialect: 'sqlite', dbName: resolve(dataDir, `${settings.service}.sqlite`) };
}
