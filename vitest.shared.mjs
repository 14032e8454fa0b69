// Shared vitest settings for every package: swc keeps decorator metadata (esbuild drops it), and the
// "source" export condition makes workspace libraries load from src/ without a rebuild. Vitest's own
// server conditions are kept, minus 'module' (ESM builds with extensionless imports break under Node).
import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { defaultServerConditions } from 'vite';

const require = createRequire(import.meta.url);

export function packageTestConfig(overrides = {}) {
  return {
    plugins: [swc.vite({ module: { type: 'es6' } })],
    // graphql 16 ships index.js and index.mjs: pin the one Node loads for external packages (type-graphql,
    // Apollo), since two copies break `instanceof GraphQLScalarType`.
    resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
    ssr: { resolve: { conditions: ['source', ...defaultServerConditions.filter((c) => c !== 'module')] } },
    test: {
      environment: 'node',
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // The JSON report lets `npm test` add up every package into one closing line.
      reporters: ['default', 'json'],
      outputFile: { json: '.test-results/vitest.json' },
      ...overrides,
    },
  };
}
