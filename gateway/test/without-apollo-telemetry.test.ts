import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APOLLO_TELEMETRY_MODULES,
  LAZY_FETCH_MODULE,
  lazyFetchModule,
  withoutApolloTelemetryModules,
} from '../src/without-apollo-telemetry.js';

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
      // its data sources built (each makes a default fetcher the gateway replaces): make-fetch-happen not loaded
      const fromDataSource = createRequire(
        require.resolve('@apollo/gateway/dist/datasources/RemoteGraphQLDataSource.js'),
      );
      expect(Object.keys(require.cache)).not.toContain(fromDataSource.resolve(LAZY_FETCH_MODULE));
    } finally {
      await gateway.stop();
    }
  });
});

describe('the stand-in for make-fetch-happen', () => {
  it('loads the real module on the first fetch, with the defaults given before', () => {
    const calls: unknown[][] = [];
    let loads = 0;
    const real = Object.assign((url: unknown, init?: unknown) => calls.push(['fetch', url, init]), {
      defaults(url?: unknown, init?: unknown) {
        return Object.assign((u: unknown, i?: unknown) => calls.push(['defaulted', url, init, u, i]), {
          defaults: () => {
            throw new Error('not used');
          },
        });
      },
    });
    const lazy = lazyFetchModule(() => {
      loads++;
      return real;
    });
    const fetcher = lazy.defaults(undefined, { retry: false });
    expect(loads).toBe(0);
    fetcher('http://a/', { method: 'POST' });
    lazy('http://b/');
    expect(loads).toBe(1);
    expect(calls).toEqual([
      ['defaulted', undefined, { retry: false }, 'http://a/', { method: 'POST' }],
      ['fetch', 'http://b/', undefined],
    ]);
  });
});
