import { fileURLToPath } from 'node:url';
import { writeSubgraphSdl } from '@shequ/subgraph';
import { buildResidentsSchema } from './schema.js';

await writeSubgraphSdl(buildResidentsSchema, fileURLToPath(new URL('../../schema.graphql', import.meta.url)));
