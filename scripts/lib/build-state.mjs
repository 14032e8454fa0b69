// `npm start` on a tree that has not changed since its last build skips turbo (about 2 s even when every task is
// cached, far more on a busy machine). "Not changed": the same commit, the same uncommitted and untracked files
// with the same contents, the same installed packages and Node, and every build output still there. Anything else,
// or no git, and turbo runs as before (it decides what to rebuild).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const OUTPUTS = [
  'libs/contracts/dist/index.js',
  'libs/server/dist/index.js',
  'libs/auth/dist/cli/dev-token.js',
  'services/residents/dist/main.js',
  'services/cases/dist/main.js',
  'services/partybuilding/dist/main.js',
  'services/events/dist/main.js',
  'gateway/dist/main.js',
];

function git(root, args) {
  return execFileSync('git', args, { cwd: root, encoding: 'buffer', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** A hash of everything the build reads, or null when it cannot be told (no git, outputs missing). */
export function sourceState(root) {
  if (OUTPUTS.some((file) => !existsSync(join(root, file)))) return null;
  try {
    const hash = createHash('sha256');
    hash.update(process.version);
    hash.update(git(root, ['rev-parse', 'HEAD']));
    const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
    hash.update(status);
    // the contents of every changed or untracked file (the status alone does not change when a file changes again)
    for (const entry of status.toString('utf8').split('\0')) {
      const path = entry.slice(3);
      const file = join(root, path);
      if (path && existsSync(file) && statSync(file).isFile()) hash.update(path).update(readFileSync(file));
    }
    const installStamp = join(root, 'node_modules', '.shequ-install-stamp');
    if (existsSync(installStamp)) hash.update(readFileSync(installStamp));
    return hash.digest('hex');
  } catch {
    return null;
  }
}

const stampFile = (root) => join(root, 'node_modules', '.cache', 'shequ-build-state');

export function builtFrom(root) {
  const file = stampFile(root);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

export function recordBuild(root, state) {
  if (!state) return;
  mkdirSync(dirname(stampFile(root)), { recursive: true });
  writeFileSync(stampFile(root), state);
}
