import { runSubgraphService } from '@shequ/subgraph';
import { casesService } from './service.js';

await runSubgraphService(casesService);
