import { createLogger } from '@shequ/server';
import { gatewayConfig } from '../src/gateway-config.js';
import { startGateway, type RunningGateway } from '../src/gateway-server.js';

/** Subgraph ports nothing listens on (the discard port): what the gateway decides itself, no subgraph reached. */
export const NO_SUBGRAPHS = { RESIDENTS_PORT: '9', CASES_PORT: '9', PARTYBUILDING_PORT: '9', EVENTS_PORT: '9' };

/**
 * A gateway of the tests that need no subgraph: on a free port, with `env` (its secret, its mode, its settings) over
 * `NO_SUBGRAPHS`, logging nothing.
 */
export function startGatewayWithoutSubgraphs(env: Record<string, string>): Promise<RunningGateway> {
  const all = { GATEWAY_PORT: '0', ...NO_SUBGRAPHS, ...env };
  return startGateway(gatewayConfig(all), { logger: createLogger('gateway').child({}, { level: 'silent' }), env: all });
}
