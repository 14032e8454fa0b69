import { fileURLToPath } from 'node:url';
import { writeSubgraphSdl } from '@shequ/subgraph';
import { buildEventsSchema } from './schema.js';

await writeSubgraphSdl(buildEventsSchema, fileURLToPath(new URL('../../schema.graphql', import.meta.url)));
