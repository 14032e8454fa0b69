import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationFor } from '@shequ/subgraph/testing';
import {
  serviceProcess,
  startNatsServer,
  tempDir,
  testDatabaseLocation,
  testDialects,
  type NatsServerHandle,
  type ServiceProcess,
  type TempDir,
} from '@shequ/testing';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const RECORD_MODULES = fileURLToPath(new URL('./fixtures/record-modules.mjs', import.meta.url));

/**
 * The demo seed runs in a child process of the service (`runSubgraphService`, libs/subgraph): the service process
 * itself never loads the seed's modules (the demo community, the district writers), so their objects and garbage
 * never weigh on its heap; the child has exited when the service is ready; a later start on the seeded database
 * starts no seed process at all. A real partybuilding process (built), every module it and its children resolve
 * recorded through a module hook.
 */
describe.each(testDialects())('the demo seed runs in a child process of the service (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let data: TempDir;
  let service: ServiceProcess;

  beforeAll(async () => {
    data = tempDir('shequ-seed-child-');
    nats = await startNatsServer({ storeDir: `${data.path}/nats` });
    service = await serviceProcess({
      service: 'partybuilding',
      main: MAIN,
      nats,
      dataDir: data.path,
      database: testDatabaseLocation(dialect, 'partybuilding_seed_child'),
      seed: 'demo',
      logLevel: 'info',
    });
  });

  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
    data?.remove();
  });

  /** Starts the service until /ready; returns the modules each process resolved, by pid. */
  async function start(record: string): Promise<Map<number, string[]>> {
    await service.startReady({ nodeArgs: ['--import', RECORD_MODULES], env: { RECORD_MODULES_FILE: record } });
    const byPid = new Map<number, string[]>();
    for (const line of readFileSync(record, 'utf8').split('\n').filter(Boolean)) {
      const [pid, url] = line.split(' ');
      byPid.set(Number(pid), [...(byPid.get(Number(pid)) ?? []), url]);
    }
    return byPid;
  }

  const seedModules = (urls: string[]) => urls.filter((url) => /\/seeds\/|\/demo-data\//.test(url));

  it(
    'seeds in a child that has exited by ready; the service never loads a seed module',
    { timeout: 240_000 },
    async () => {
      const modules = await start(`${data.path}/modules-1.txt`);
      const servicePid = service.current!.child.pid!;
      const others = [...modules.keys()].filter((pid) => pid !== servicePid);
      expect(others).toHaveLength(1);
      const [seedPid] = others;
      expect(seedModules(modules.get(seedPid)!)).toEqual(
        expect.arrayContaining([expect.stringMatching(/\/seeds\/demo-seed\.js$/)]),
      );
      expect(seedModules(modules.get(servicePid)!)).toEqual([]);
      expect(() => process.kill(seedPid, 0)).toThrow();
      // the demo data is there, written by the child
      const response = await fetch(service.url('/graphql'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
        body: JSON.stringify({ query: '{ partyMeetings(first: 1) { edges { node { id } } } }' }),
      });
      const body = (await response.json()) as { data?: { partyMeetings: { edges: unknown[] } } };
      expect(body.data?.partyMeetings.edges).toHaveLength(1);
    },
  );

  it('starts no seed process on a database the seed has finished', { timeout: 240_000 }, async () => {
    await service.stop();
    const record = `${data.path}/modules-2.txt`;
    const modules = await start(record);
    expect(existsSync(record)).toBe(true);
    expect([...modules.keys()]).toEqual([service.current!.child.pid]);
    expect(service.current!.output()).not.toContain('demo seed: running in a child process');
  });
});
