import { postgresqlMigrations } from './postgresql/index.js';
import { sqliteMigrations } from './sqlite/index.js';

export const casesMigrations = { sqlite: sqliteMigrations, postgresql: postgresqlMigrations };
