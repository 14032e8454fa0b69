import { postgresqlMigrations } from './postgresql/index.js';
import { sqliteMigrations } from './sqlite/index.js';

export const eventsMigrations = { sqlite: sqliteMigrations, postgresql: postgresqlMigrations };
