import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  exitReason,
  freePort,
  startNatsServer,
  startProcess,
  tempDir,
  waitFor,
  type NatsServerHandle,
  type RunningProcess,
  type TempDir,
} from '@shequ/testing';
import { authorizationFor, type Caller } from '@shequ/subgraph/testing';
import { trustedRequest } from '@shequ/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVICES = ['residents', 'cases', 'partybuilding', 'events'] as const;
const nodeFlags: { flags: string[]; env: Record<string, string> } = JSON.parse(
  readFileSync(new URL('../../scripts/node-flags.json', import.meta.url), 'utf8'),
);
/** The Node flags `npm start` runs the services and the gateway with (scripts/node-flags.json). */
export const NODE_FLAGS: string[] = nodeFlags.flags;
/** The environment variables `npm start` adds for them (scripts/node-flags.json: MALLOC_ARENA_MAX). */
export const NODE_FLAGS_ENV: Record<string, string> = nodeFlags.env;

export interface RunningSystem {
  gatewayUrl: string;
  env: NodeJS.ProcessEnv;
  processes: RunningProcess[];
  nats: NatsServerHandle;
  /**
   * POSTs to the gateway as `caller` (default: community_admin of 莲秀社区): a front end's typed document of
   * @shequ/client (sent as a trusted document, by id and text), or an ad hoc query.
   */
  query<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    caller?: Caller,
  ): Promise<{ data?: TResult; errors?: any[] }>;
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<{ data?: T; errors?: any[] }>;
  /** Kills a service with SIGKILL, as a crash would, and waits until it has exited. */
  kill(name: (typeof SERVICES)[number]): Promise<void>;
  /** Starts a service again (same port, same data) and waits until it is ready. */
  restart(name: (typeof SERVICES)[number]): Promise<void>;
  stop(): Promise<void>;
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * How long a process of the system may take to answer its readiness URL (E2E_READY_TIMEOUT_MS). Starting the four
 * services migrates and seeds the demo street: ~6 s of CPU each, 15–25 s for all four on an idle 2-core machine, and
 * several times that while `npm test` runs another package's tests beside the end-to-end ones. A process that exits
 * fails the wait at once.
 */
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS ?? 240_000);

/** Waits until `url` answers 200; fails at once, with the process's output, if the process exits first. */
async function untilAnswering(child: RunningProcess, url: string, what: string): Promise<void> {
  await waitFor(() => ready(url), {
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 200,
    what,
    giveUpIf: () => exitReason(child),
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${child.output()}`);
  });
}

/** Starts nats-server, the four services (built, from dist/) and the gateway as separate processes. */
export async function startSystem(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningSystem> {
  const data: TempDir = tempDir('shequ-e2e-');
  const nats = await startNatsServer({ storeDir: `${data.path}/nats` });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NATS_PORT: String(nats.port),
    SHEQU_DATA_DIR: data.path,
    SHEQU_SEED: 'demo',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    GATEWAY_PORT: String(await freePort()),
    ...NODE_FLAGS_ENV,
    ...extraEnv,
  };
  for (const name of SERVICES) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
  const processes: RunningProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await nats.dispose();
    data.remove();
  };
  const startService = (name: (typeof SERVICES)[number]) =>
    startProcess(name, process.execPath, [...NODE_FLAGS, `${ROOT}services/${name}/dist/main.js`], {
      env: { ...env, ...nats.envFor(name) },
    });
  const untilReady = (i: number) => {
    const name = SERVICES[i];
    const port = env[`${name.toUpperCase()}_PORT`];
    return untilAnswering(processes[i], `http://127.0.0.1:${port}/ready`, `${name} /ready`);
  };
  try {
    for (const name of SERVICES) processes.push(startService(name));
    await Promise.all([...SERVICES.keys()].map(untilReady));
    const gateway = startProcess('gateway', process.execPath, [...NODE_FLAGS, `${ROOT}gateway/dist/main.js`], { env });
    processes.push(gateway);
    await untilAnswering(gateway, `http://127.0.0.1:${env.GATEWAY_PORT}/health`, 'gateway /health');
  } catch (error) {
    await stop();
    throw error;
  }
  const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
  return {
    gatewayUrl,
    env,
    processes,
    nats,
    stop,
    async kill(name) {
      const child = processes[SERVICES.indexOf(name)];
      child.child.kill('SIGKILL');
      await child.exited;
    },
    async restart(name) {
      const i = SERVICES.indexOf(name);
      processes[i] = startService(name);
      await untilReady(i);
    },
    async query(query: string | TypedDocumentNode<unknown, unknown>, variables?: unknown, caller?: Caller) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorizationFor(caller)) },
        body: JSON.stringify(typeof query === 'string' ? { query, variables } : trustedRequest(query, variables)),
      });
      return response.json() as Promise<{ data?: any; errors?: any[] }>;
    },
  };
}
