import { runSubgraphService } from '@shequ/subgraph';
import { partybuildingService } from './service.js';

await runSubgraphService(partybuildingService);
