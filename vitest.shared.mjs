// Shared vitest settings for every package: swc keeps decorator metadata (esbuild drops it),
// and the "source" export condition makes workspace libraries load from src/ without a rebuild.
import swc from 'unplugin-swc';
import { defaultClientConditions, defaultServerConditions } from 'vite';

export function packageTestConfig(overrides = {}) {
  return {
    plugins: [swc.vite({ module: { type: 'es6' } })],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
    test: {
      environment: 'node',
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  };
}
