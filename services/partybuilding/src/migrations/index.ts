import { fileURLToPath } from 'node:url';
import type { LazyMigrationLists } from '@shequ/database';

/** Loaded only when a migration may be pending (`openDatabase` looks at the applied ones first). */
export const partybuildingMigrations: LazyMigrationLists = {
  directory: fileURLToPath(new URL('.', import.meta.url)),
  load: async (dialect) =>
    dialect === 'sqlite'
      ? (await import('./sqlite/index.js')).sqliteMigrations
      : (await import('./postgresql/index.js')).postgresqlMigrations,
};
