// `npm start` and `npm test` begin here: install npm dependencies when they are missing or stale.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrExit } from './run-command.mjs';

export const ROOT = new URL('../../', import.meta.url).pathname;
const STAMP = join(ROOT, 'node_modules', '.shequ-install-stamp');

function manifestHash() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(ROOT, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

/** Runs `npm ci` (or `npm install` without a lockfile) unless node_modules matches the manifests. */
export async function ensureNpmDependencies() {
  const wanted = manifestHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) return;
  const hasLock = existsSync(join(ROOT, 'package-lock.json'));
  console.log(`▸ installing npm dependencies (${hasLock ? 'npm ci' : 'npm install'}; better-sqlite3 compiles, about a minute)…`);
  await runOrExit('npm', [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: ROOT });
  writeFileSync(STAMP, wanted);
}
