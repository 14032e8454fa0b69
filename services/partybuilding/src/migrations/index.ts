import { postgresqlMigrations } from './postgresql/index.js';
import { sqliteMigrations } from './sqlite/index.js';

export const partybuildingMigrations = { sqlite: sqliteMigrations, postgresql: postgresqlMigrations };
