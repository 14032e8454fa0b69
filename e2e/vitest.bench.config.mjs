// `npm run bench` in this package: starts the whole system (test/system.ts) once and measures typical
// queries through the gateway. Only bench/*.bench.ts, which the test run (`vitest run`, default
// *.test.ts / *.spec.ts) never includes; no JSON report, so `npm test`'s summary is untouched.
import { defineConfig } from 'vitest/config';
import { packageTestConfig } from '../vitest.shared.mjs';

export default defineConfig(
  packageTestConfig({
    include: ['bench/**/*.bench.ts'],
    reporters: ['default'],
    outputFile: undefined,
    // The table goes straight to the terminal, not through vitest's console capture.
    disableConsoleIntercept: true,
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  }),
);
