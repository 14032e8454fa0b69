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
      // Tests and their hooks run real parts (nats-server, PostgreSQL, subgraphs seeding the demo street) on CI's
      // 2-core machine beside another package's tests: a hook seeding the demo community took over 60 s there.
      // A timeout is a safety net for a hang, not a performance bound (those are the benchmarks').
      testTimeout: 60_000,
      hookTimeout: 300_000,
      // The JSON report lets `npm test` add up every package into one closing line.
      reporters: ['default', 'json'],
      outputFile: { json: '.test-results/vitest.json' },
      ...overrides,
    },
  };
}
