import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APOLLO_TELEMETRY_MODULES, withoutApolloTelemetryModules } from '../src/without-apollo-telemetry.js';

const require = createRequire(import.meta.url);
const SUPERGRAPH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

// As in the gateway's main: the hook first, then Apollo's gateway (this file's process has not loaded it yet).
describe('Apollo’s telemetry modules', () => {
  it('are not loaded with the gateway, which still plans queries', { timeout: 180_000 }, async () => {
    const gatewayEntry = require.resolve('@apollo/gateway');
    expect(require.cache[gatewayEntry]).toBeUndefined();
    withoutApolloTelemetryModules();
    const { supergraphGateway } = await import('../src/gateway-server.js');

    const fromTelemetryFile = createRequire(require.resolve('@apollo/gateway/dist/utilities/opentelemetry.js'));
    const loaded = new Set(Object.keys(require.cache));
    for (const name of APOLLO_TELEMETRY_MODULES) expect(loaded.has(fromTelemetryFile.resolve(name)), name).toBe(false);
    expect(loaded.has(gatewayEntry)).toBe(true);

    const gateway = supergraphGateway(readFileSync(SUPERGRAPH, 'utf8'), {});
    const { schema } = await gateway.load();
    try {
      expect(schema.getQueryType()?.getFields().residents).toBeDefined();
    } finally {
      await gateway.stop();
    }
  });
});
