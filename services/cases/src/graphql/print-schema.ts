import { fileURLToPath } from 'node:url';
import { writeSubgraphSdl } from '@shequ/subgraph';
import { buildCasesSchema } from './schema.js';

await writeSubgraphSdl(buildCasesSchema, fileURLToPath(new URL('../../schema.graphql', import.meta.url)));
