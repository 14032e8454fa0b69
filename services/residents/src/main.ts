import { runSubgraphService } from '@shequ/subgraph';
import { residentsService } from './service.js';

await runSubgraphService(residentsService);
