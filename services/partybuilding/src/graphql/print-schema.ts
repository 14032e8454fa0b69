import { fileURLToPath } from 'node:url';
import { writeSubgraphSdl } from '@shequ/subgraph';
import { buildPartybuildingSchema } from './schema.js';

await writeSubgraphSdl(buildPartybuildingSchema, fileURLToPath(new URL('../../schema.graphql', import.meta.url)));
