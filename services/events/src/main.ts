import { runSubgraphService } from '@shequ/subgraph';
import { eventsService } from './service.js';

await runSubgraphService(eventsService);
