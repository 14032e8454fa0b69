// `npm test`: install what is missing (npm packages, nats-server, PostgreSQL, Chromium), build, then run every
// package's tests through turbo with a throwaway PostgreSQL for the parity tests, and close with one line
// "N passed, N failed".
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureChromium, ensureNatsServer, ensurePostgres } from './lib/debian-packages.mjs';
import { ROOT, ensureNpmDependencies } from './lib/npm-install.mjs';
import { runQualityGate } from './lib/quality-gate.mjs';
import { run, runOrExit } from './lib/run-command.mjs';

await ensureNpmDependencies();
await ensureNatsServer();
await ensurePostgres();
await ensureChromium();

const packageDirs = ['libs', 'services', 'clients']
  .flatMap((group) => readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name)))
  .concat([join(ROOT, 'gateway'), join(ROOT, 'e2e')])
  .filter((dir) => existsSync(join(dir, 'package.json')));
for (const dir of packageDirs) rmSync(join(dir, '.test-results'), { recursive: true, force: true });

const turbo = resolve(ROOT, 'node_modules/.bin/turbo');
console.log('▸ building…');
await runOrExit(turbo, ['run', 'build', '--output-logs=errors-only'], { cwd: ROOT });
const gateFailures = await runQualityGate();
console.log('▸ testing (SQLite and PostgreSQL, real nats-server, end to end through the gateway)…');
const code = await run(
  process.execPath,
  [join(ROOT, 'libs/testing/dist/cli/with-postgres.js'), turbo, 'run', 'test', '--concurrency=2', '--continue'],
  {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of packageDirs) {
  const report = join(dir, '.test-results', 'vitest.json');
  if (!existsSync(report)) {
    missing.push(dir.slice(ROOT.length));
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + (result.numTodoTests ?? 0);
}
if (missing.length) console.log(`\n✗ no test report from: ${missing.join(', ')}`);
for (const name of gateFailures) console.log(`✗ quality gate failed: ${name}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(code !== 0 || failed > 0 || missing.length > 0 || gateFailures.length > 0 ? 1 : 0);
