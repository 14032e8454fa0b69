import { postgresqlMigrations } from './postgresql/index.js';
import { sqliteMigrations } from './sqlite/index.js';

export const residentsMigrations = { sqlite: sqliteMigrations, postgresql: postgresqlMigrations };
