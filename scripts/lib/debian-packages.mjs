// nats-server, PostgreSQL and Chromium (browser tests) come from the machine's Debian packages; install them when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { run } from './run-command.mjs';

function onPath(binary) {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** nats-server on PATH, or where Debian puts it (/usr/sbin is not on every user's PATH). */
export function findNatsServer() {
  return (
    process.env.NATS_SERVER_BIN ||
    onPath('nats-server') ||
    ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find(existsSync) ||
    null
  );
}

export function findPostgres() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/initdb`));
  return versions.length ? `${root}/${versions.sort((a, b) => Number(b) - Number(a))[0]}/bin` : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** apt-get exits 100 when another apt run holds its lock (e.g. an unattended upgrade at boot): wait and retry. */
async function aptWithLockRetry(command, args, env) {
  let code = 0;
  for (let attempt = 1; attempt <= 20; attempt++) {
    code = await run(command, args, { env });
    if (code !== 100) return code;
    console.log(`▸ apt-get is busy (another apt run holds its lock); retrying in 15 s (attempt ${attempt}/20)…`);
    await sleep(15_000);
  }
  return code;
}

async function aptInstall(pkg, why) {
  if (!onPath('apt-get')) return `apt-get is not available on this machine; install ${pkg} yourself (${why})`;
  if (!isRoot() && !onPath('sudo')) return `not root and no sudo; install it yourself: apt-get install -y ${pkg}`;
  const [command, ...prefix] = isRoot() ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`▸ installing the Debian package ${pkg} (${why})…`);
  let code = await aptWithLockRetry(command, [...prefix, 'update'], env);
  if (code !== 0) return `apt-get update failed (exit ${code}); install it yourself: apt-get install -y ${pkg}`;
  code = await aptWithLockRetry(
    command,
    [...prefix, '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', pkg],
    env,
  );
  if (code !== 0) return `apt-get install ${pkg} failed (exit ${code}); install it yourself: apt-get install -y ${pkg}`;
  return null;
}

export async function ensureNatsServer() {
  let binary = findNatsServer();
  if (!binary) {
    const problem = await aptInstall('nats-server', 'the event bus, NATS JetStream');
    binary = findNatsServer();
    if (!binary) {
      console.error(`✗ nats-server is missing: ${problem ?? 'the package installed no nats-server binary'}`);
      process.exit(1);
    }
  }
  process.env.NATS_SERVER_BIN = binary;
  return binary;
}

export async function ensurePostgres() {
  let bin = findPostgres();
  if (!bin) {
    const problem = await aptInstall('postgresql', 'the PostgreSQL parity tests');
    bin = findPostgres();
    if (!bin) {
      console.error(`✗ PostgreSQL is missing: ${problem ?? 'the package installed no server binaries'}`);
      process.exit(1);
    }
  }
  return bin;
}

/** Debian's Chromium, driven headless by the browser tests (puppeteer-core downloads no browser of its own). */
export function findChromium() {
  return process.env.CHROMIUM_BIN || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync) || null;
}

export async function ensureChromium() {
  let binary = findChromium();
  if (!binary) {
    const problem = await aptInstall('chromium', 'the browser tests: CORS and the explorer');
    binary = findChromium();
    if (!binary) {
      console.error(`✗ Chromium is missing: ${problem ?? 'the package installed no chromium binary'}`);
      process.exit(1);
    }
  }
  process.env.CHROMIUM_BIN = binary;
  return binary;
}
