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

/**
 * Runs `npm install` (versions from package-lock.json) unless node_modules matches the manifests.
 * Not `npm ci`: npm records only this platform's optional binaries (swc, turbo) in the lockfile, and
 * `npm ci` then refuses the lockfile as out of sync.
 */
export async function ensureNpmDependencies() {
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === manifestHash()) return;
  console.log('▸ installing npm dependencies (npm install; better-sqlite3 compiles, about a minute)…');
  await runOrExit('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT });
  writeFileSync(STAMP, manifestHash());
}
