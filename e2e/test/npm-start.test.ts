import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { natsPublicKeyOf } from '@shequ/contracts';
import { exitReason, freePort, portIsOpen, startProcess, tempDir, waitFor } from '@shequ/testing';
import { authorizationFor } from '@shequ/subgraph/testing';
import { ROOT, SERVICES } from './system.js';

/** `npm start` as a newcomer runs it (install and build skipped: the test pipeline has just built). */
/**
 * How long `npm start` may take to print its banner: it waits up to 300 s for the services (a fresh data folder is
 * seeded first) and 120 s for the gateway, and more than a minute of that is usual while `npm test` runs other
 * packages' tests beside these. An `npm start` that exits fails the wait at once.
 */
const BANNER_TIMEOUT_MS = 420_000;

async function startScriptEnv() {
  const data = tempDir('shequ-start-');
  const ports: Record<string, number> = { GATEWAY_PORT: await freePort(), NATS_PORT: await freePort() };
  for (const name of SERVICES) ports[`${name.toUpperCase()}_PORT`] = await freePort();
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    SHEQU_DATA_DIR: data.path,
    SHEQU_SKIP_INSTALL: '1',
    SHEQU_SKIP_BUILD: '1',
    LOG_LEVEL: 'warn',
  };
  return { data, ports, env };
}

describe('npm start', () => {
  const cleanup: Array<() => void> = [];
  afterAll(() => cleanup.forEach((c) => c()));

  it('starts everything, prints the gateway URL and an example query, and Ctrl-C leaves nothing running', async () => {
    const { data, ports, env } = await startScriptEnv();
    cleanup.push(() => data.remove());
    const start = startProcess('npm start', process.execPath, [`${ROOT}scripts/start.mjs`], { env });
    await waitFor(() => start.output().includes('Shequ Graph is running'), {
      timeoutMs: BANNER_TIMEOUT_MS,
      intervalMs: 250,
      what: 'the start banner',
      giveUpIf: () => exitReason(start),
    }).catch((error) => {
      throw new Error(`${error.message}\n${start.output()}`);
    });
    expect(start.output()).toContain(`http://localhost:${ports.GATEWAY_PORT}/graphql`);
    expect(start.output()).toContain('curl -s');
    const printedToken = /authorization: Bearer ([\w.-]+)/.exec(start.output())?.[1];
    expect(printedToken, 'a community_admin token in the banner').toBeTruthy();
    const withPrinted = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${printedToken}` },
      body: JSON.stringify({ query: '{ households(first: 1) { totalCount } }' }),
    });
    expect(
      ((await withPrinted.json()) as { data: { households: { totalCount: number } } }).data.households.totalCount,
    ).toBeGreaterThan(900);

    const response = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
      body: JSON.stringify({ query: '{ residents(first: 1) { totalCount } }' }),
    });
    expect(
      ((await response.json()) as { data: { residents: { totalCount: number } } }).data.residents.totalCount,
    ).toBeGreaterThanOrEqual(2500);

    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    for (const [variable, port] of Object.entries(ports)) {
      expect(await portIsOpen(port), `${variable} ${port} still open`).toBe(false);
    }
    expect(start.output()).toContain('nothing left running');
  }, 480_000);

  it('in production prints no token, and runs NATS with the generated users', async () => {
    const { data, env } = await startScriptEnv();
    cleanup.push(() => data.remove());
    const start = startProcess('npm start', process.execPath, [`${ROOT}scripts/start.mjs`], {
      env: { ...env, NODE_ENV: 'production', SHEQU_JWT_SECRET: 'production-test-secret-0123456789abcdef' },
    });
    await waitFor(() => start.output().includes('Shequ Graph is running'), {
      timeoutMs: BANNER_TIMEOUT_MS,
      what: 'npm start (production) to print its banner',
      giveUpIf: () => exitReason(start),
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${start.output()}`);
    });
    expect(start.output()).toContain('production mode');
    expect(start.output()).not.toMatch(/Bearer|eyJ[\w-]+\.[\w-]+/);
    const config = readFileSync(`${data.path}/nats-server.conf`, 'utf8');
    const platform = JSON.parse(readFileSync(`${data.path}/nats-platform.json`, 'utf8')) as {
      user: string;
      seed: string;
    };
    // users by NKey: the server's file has the platform's public key, never a seed or a password
    expect(platform.user).toBe('platform');
    expect(config).toContain(`"nkey": "${natsPublicKeyOf(platform.seed)}"`);
    expect(config).not.toMatch(/"SU[A-Z2-7]{56}"|"password"/);
    expect(config).not.toContain('no_auth_user');
    expect(start.output()).not.toContain(platform.seed);
    // the platform user gets the default grant: no aggregate whose events name a person (it says so)
    expect(start.output()).toMatch(/granted cases:read, .*\(the default: no personal data\)/);
    expect(config).toContain('shequ.residents.building.>');
    expect(config).not.toContain('shequ.residents.resident.>');
    expect(config).not.toContain('shequ.residents.care_category.>');
    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
  }, 480_000);

  it('refuses to start when a port is taken, naming the port and its variable', async () => {
    const { data, ports, env } = await startScriptEnv();
    cleanup.push(() => data.remove());
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.CASES_PORT, '0.0.0.0', () => resolve()));
    try {
      const start = startProcess('npm start', process.execPath, [`${ROOT}scripts/start.mjs`], { env });
      expect(await start.exited).toBe(1);
      expect(start.output()).toContain(`port ${ports.CASES_PORT} (CASES_PORT) is already in use`);
      expect(await portIsOpen(ports.NATS_PORT)).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
