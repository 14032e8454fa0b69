import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateNatsCredentials, natsCredentialEnv, natsServerConfig, type NatsCredentials } from '@shequ/contracts';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { startProcess, type RunningProcess } from './child-process.js';
import { tempDir } from './temp-dir.js';
import { portIsOpen, waitFor } from './wait-for.js';

export interface NatsServerHandle {
  port: number;
  url: string;
  storeDir: string;
  /** One user and NKey per service and for the read-only platform user (the server enforces their permissions). */
  credentials: NatsCredentials;
  /** The running server's process id (for measurements: its CPU time in `/proc/<pid>/stat`); undefined while stopped. */
  readonly pid: number | undefined;
  /** `NATS_USER` / `NATS_NKEY_SEED` for a service (or `platform`). */
  envFor(user: string): Record<string, string>;
  /** Stops the server; its JetStream store stays on disk. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same store. */
  start(): Promise<void>;
  /** Stops it and removes the store. */
  dispose(): Promise<void>;
}

export function natsServerBinary(): string {
  const fromEnv = process.env.NATS_SERVER_BIN;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'nats-server is not on PATH: run `npm test` (it installs the Debian package) or `apt-get install -y nats-server`',
    );
  }
}

/**
 * A real nats-server with JetStream on a free port and a temporary store, configured like `npm start`'s: one
 * user per service with its permissions and the read-only platform user. Connections without credentials
 * become an unrestricted test user (tests play any publisher that way); services given `envFor(service)`
 * connect as themselves. `platformScopes`: what the platform user is granted (default: the deployment default).
 */
export async function startNatsServer(
  options: { port?: number; storeDir?: string; platformScopes?: readonly string[] } = {},
): Promise<NatsServerHandle> {
  let port = options.port ?? (await freePort());
  const dir = options.storeDir ? undefined : tempDir('shequ-nats-');
  const storeDir = options.storeDir ?? join(dir!.path, 'jetstream');
  mkdirSync(storeDir, { recursive: true });
  const credentials = generateNatsCredentials();
  const configFile = join(storeDir, '..', 'nats-server.conf');
  writeFileSync(configFile, natsServerConfig(credentials, { testUser: true, platformScopes: options.platformScopes }), {
    mode: 0o600,
  });
  const binary = natsServerBinary();
  let running: RunningProcess | undefined;

  /**
   * Ready means OUR process says so: an open port alone could be another test's server that took the same
   * "free" port a moment earlier (tests run in parallel), and this one then dies on the bind.
   */
  const launch = async (): Promise<boolean> => {
    const child = startProcess('nats-server', binary, [
      '-c',
      configFile,
      '-js',
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '-sd',
      storeDir,
    ]);
    running = child;
    let exited = false;
    void child.exited.then(() => {
      exited = true;
    });
    await waitFor(() => exited || (child.output().includes('Server is ready') && portIsOpen(port)), {
      timeoutMs: 15_000,
      what: `nats-server on port ${port}`,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${child.output()}`);
    });
    return !exited;
  };
  const start = async () => {
    for (let attempt = 1; ; attempt++) {
      if (await launch()) return;
      const output = running?.output() ?? '';
      running = undefined;
      // Only a port we picked ourselves may be swapped for another; a restart must keep its port.
      if (options.port || attempt >= 5 || !/address already in use/i.test(output)) {
        throw new Error(`nats-server did not start on port ${port}:\n${output}`);
      }
      port = await freePort();
    }
  };
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  await start();
  const restartablePort = port;
  options = { ...options, port: restartablePort };
  return {
    port: restartablePort,
    url: `nats://127.0.0.1:${restartablePort}`,
    storeDir,
    credentials,
    get pid() {
      return running?.child.pid;
    },
    envFor: (user) => natsCredentialEnv(credentials, user),
    start,
    stop,
    async dispose() {
      await stop();
      dir?.remove();
    },
  };
}
