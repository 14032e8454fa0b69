import { stopWhenParentExits } from '@shequ/server';
import { gatewayConfig } from './gateway-config.js';
import type { RunningGateway } from './gateway-server.js';
import { withoutApolloTelemetryModules } from './without-apollo-telemetry.js';

// before @apollo/gateway is loaded (hence the dynamic import below)
withoutApolloTelemetryModules();
const { startGateway } = await import('./gateway-server.js');

let running: RunningGateway;
try {
  running = await startGateway(gatewayConfig());
} catch (error) {
  console.error(`gateway: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const shutdown = (): void =>
  void running.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
stopWhenParentExits(shutdown);
