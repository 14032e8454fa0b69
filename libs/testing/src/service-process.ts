import { startProcess, type RunningProcess } from './child-process.js';
import { freePort } from './free-port.js';
import type { NatsServerHandle } from './nats-server.js';
import type { TestDatabaseLocation } from './test-database.js';
import { waitFor } from './wait-for.js';

export interface ServiceProcessOptions {
  /** The service's name (`residents`, `cases`, …): its NATS user and the prefix of its variables. */
  service: string;
  /** Its built entry, e.g. `dist/main.js`. */
  main: string;
  nats: NatsServerHandle;
  /** `SHEQU_DATA_DIR`: the SQLite file is `<dataDir>/<service>.sqlite`. */
  dataDir: string;
  /** The database it opens: SQLite in `dataDir`, or this PostgreSQL database. */
  database: TestDatabaseLocation;
  /** `SHEQU_SEED`; `none` unless given. */
  seed?: 'none' | 'demo';
  /** `LOG_LEVEL`; `warn` unless given. */
  logLevel?: string;
  /** More variables for every start. */
  env?: NodeJS.ProcessEnv;
}

export interface ServiceProcessStart {
  /** Variables for this start only. */
  env?: NodeJS.ProcessEnv;
  /** Node options before the entry (e.g. `--import` of a module hook). */
  nodeArgs?: string[];
}

/** One service run as a real process, started and killed again as a test needs, always on the same port and data. */
export interface ServiceProcess {
  readonly port: number;
  /** `http://127.0.0.1:<port><path>`. */
  url(path: string): string;
  /** The running process of the latest start, if any. */
  readonly current: RunningProcess | undefined;
  /** Starts the service and returns without waiting for it. */
  start(options?: ServiceProcessStart): RunningProcess;
  /** Starts the service and waits for its `/ready`; a timeout fails with everything it printed. */
  startReady(options?: ServiceProcessStart & { timeoutMs?: number }): Promise<RunningProcess>;
  /** Stops the latest start (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
}

/**
 * A service process on a free port with its own NATS user and its data in `dataDir` or a PostgreSQL test database:
 * the one way process tests (a service killed and restarted, what a process loads) start a built service.
 */
export async function serviceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const port = await freePort();
  const prefix = options.service.toUpperCase();
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.nats.envFor(options.service),
    NATS_PORT: String(options.nats.port),
    SHEQU_DATA_DIR: options.dataDir,
    SHEQU_SEED: options.seed ?? 'none',
    LOG_LEVEL: options.logLevel ?? 'warn',
    [`${prefix}_PORT`]: String(port),
    ...(options.database.dialect === 'postgresql' ? { [`${prefix}_DATABASE_URL`]: options.database.clientUrl } : {}),
    ...options.env,
  };
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  let current: RunningProcess | undefined;
  const start = (startOptions: ServiceProcessStart = {}) => {
    current = startProcess(options.service, process.execPath, [...(startOptions.nodeArgs ?? []), options.main], {
      env: { ...baseEnv, ...startOptions.env },
    });
    return current;
  };
  return {
    port,
    url,
    get current() {
      return current;
    },
    start,
    async startReady(startOptions = {}) {
      const child = start(startOptions);
      await waitFor(
        () =>
          fetch(url('/ready'), { signal: AbortSignal.timeout(1_000) }).then(
            (response) => response.ok,
            () => false,
          ),
        { timeoutMs: startOptions.timeoutMs ?? 180_000, intervalMs: 200, what: `${options.service} /ready` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${child.output()}`);
      });
      return child;
    },
    async stop() {
      await current?.stop();
    },
  };
}
