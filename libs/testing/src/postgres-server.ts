import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { startProcess, type RunningProcess } from './child-process.js';
import { tempDir } from './temp-dir.js';
import { portIsOpen, waitFor } from './wait-for.js';

export interface PostgresHandle {
  port: number;
  /** Superuser URL of the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** Binaries of the newest PostgreSQL the machine's Debian packages installed. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  throw new Error(
    'PostgreSQL is not installed: run `npm test` (it installs the Debian package) or `apt-get install -y postgresql`',
  );
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary as user `postgres` when we are root (the server refuses to run as root). */
function asPostgresUser(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/** A throwaway PostgreSQL cluster on a free port, tuned for tests (no fsync). */
export async function startPostgres(): Promise<PostgresHandle> {
  const bin = postgresBinDir();
  const dir = tempDir('shequ-pg-');
  const dataDir = join(dir.path, 'data');
  const socketDir = join(dir.path, 'socket');
  mkdirSync(socketDir);
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir.path, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  const [initCmd, initArgs] = asPostgresUser(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const [cmd, args] = asPostgresUser(join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    socketDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
  ]);
  const server: RunningProcess = startProcess('postgres', cmd, args);
  await waitFor(() => portIsOpen(port), { timeoutMs: 30_000, what: `PostgreSQL on port ${port}` }).catch(
    (error: Error) => {
      throw new Error(`${error.message}\n${server.output()}`);
    },
  );
  // The port opens slightly before the server accepts queries.
  await waitFor(
    () => {
      const [c, a] = asPostgresUser(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
      execFileSync(c, a, { stdio: 'ignore' });
      return true;
    },
    { timeoutMs: 30_000, what: 'PostgreSQL to accept connections' },
  );
  return {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      dir.remove();
    },
  };
}
