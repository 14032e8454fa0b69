import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventCatalogue } from '../catalogue.js';
import { asyncApiDocument } from './asyncapi-document.js';

// Run by `npm run build`: writes libs/contracts/asyncapi.json beside the package.
const target = fileURLToPath(new URL('../../asyncapi.json', import.meta.url));
writeFileSync(target, JSON.stringify(asyncApiDocument(eventCatalogue), null, 2) + '\n');
console.log(`asyncapi: ${eventCatalogue.length} events → ${target}`);
