import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withConfigurationTable } from '../config/configuration-table.js';
import { ENVIRONMENT } from '../config/environment-variables.js';

// `npm run docs:config`: rewrites the README's configuration table from ENVIRONMENT.
const readmePath = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const readme = readFileSync(readmePath, 'utf8');
writeFileSync(readmePath, withConfigurationTable(readme, ENVIRONMENT));
console.log(`configuration table (${Object.keys(ENVIRONMENT).length} variables) → ${readmePath}`);
