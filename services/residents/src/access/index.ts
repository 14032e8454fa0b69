import type { ServiceDependencies } from '@shequ/subgraph';
import { AccessResolver } from './access.resolver.js';
import { ApiKey } from './api-key.entity.js';
import { auditTrailConsumers } from './audit-trail-consumer.js';

/** API-key registry and audit trail (issue 7): wired into the residents service by these three lists. */
export const residentsAccessEntities = [ApiKey];
export const residentsAccessResolvers = [AccessResolver];
export const residentsAccessConsumers = (deps: ServiceDependencies) => auditTrailConsumers(deps);
export { ApiKey };
