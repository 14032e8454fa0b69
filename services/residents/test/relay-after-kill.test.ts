import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/core';
import { ApiKeyIssued, STREAM_NAME, type EventEnvelope } from '@shequ/contracts';
import { ormConfig } from '@shequ/database';
import { NatsBus, OutboxMessage } from '@shequ/messaging';
import { authorizationFor } from '@shequ/subgraph/testing';
import {
  serviceProcess,
  startNatsServer,
  tempDir,
  testDatabaseLocation,
  testDialects,
  waitFor,
  type NatsServerHandle,
  type ServiceProcess,
  type TempDir,
} from '@shequ/testing';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey { id } } }`;
const REGISTER_STREET = `mutation($input: RegisterStreetInput!) { registerStreet(input: $input) { street { id } } }`;
const REGISTER_COMMUNITY = `mutation($input: RegisterCommunityInput!) { registerCommunity(input: $input) { community { id } } }`;
/** The stream's duplicate window in this test: far shorter than the outage, as a long outage is in production. */
const DUPLICATE_WINDOW_MS = 2_000;

/**
 * Issue 14, fault 3: a service killed right after its first publish, before marking the row sent, and restarted
 * after the stream's duplicate window, published the row a second time; an outside subscriber (a district
 * platform) saw the event twice. Here a real residents process is held between publishing and marking sent
 * (`SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS`), killed with SIGKILL as soon as the event is in the stream, and
 * started again after the duplicate window: an outside subscriber must see every event id once.
 */
describe.each(testDialects())('residents relay killed between publish and marking sent (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let data: TempDir;
  let residents: ServiceProcess;
  let observer: NatsBus;
  const location = testDatabaseLocation(dialect, 'residents_relay_kill');
  /** Every envelope id on residents' subjects, as an outside subscriber receives them (repeats included). */
  const seen: EventEnvelope[] = [];

  beforeAll(async () => {
    data = tempDir('shequ-relay-kill-');
    nats = await startNatsServer({ storeDir: `${data.path}/nats` });
    observer = new NatsBus({ servers: nats.url, name: 'district-platform' });
    await observer.firstConnection;
    // the stream exists now (created by the bus); a short duplicate window, as after a long outage
    const jsm = await observer.jetstreamManager();
    const info = await jsm.streams.info(STREAM_NAME);
    await jsm.streams.update(STREAM_NAME, { ...info.config, duplicate_window: DUPLICATE_WINDOW_MS * 1_000_000 });
    const consumer = await observer.jetstream().consumers.get(STREAM_NAME, { filter_subjects: 'shequ.residents.>' });
    const messages = await consumer.consume();
    void (async () => {
      for await (const message of messages) seen.push(message.json<EventEnvelope>());
    })();
    residents = await serviceProcess({
      service: 'residents',
      main: MAIN,
      nats,
      dataDir: data.path,
      database: location,
    });
  });

  afterAll(async () => {
    await residents?.stop();
    await observer?.close();
    await nats?.dispose();
    data?.remove();
  });

  async function issueKey(name: string): Promise<string> {
    const response = await fetch(residents.url('/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
      body: JSON.stringify({ query: ISSUE, variables: { input: { name, scopes: ['residents:read'] } } }),
    });
    const result = (await response.json()) as { data?: { issueApiKey: { apiKey: { id: string } } }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    return result.data!.issueApiKey.apiKey.id;
  }

  const issuedEvents = (keyId: string) =>
    seen.filter((e) => e.type === ApiKeyIssued.type && (e.data as { keyId: string }).keyId === keyId);

  async function pendingOutboxRows(): Promise<string[]> {
    const dbName = dialect === 'sqlite' ? `${data.path}/residents.sqlite` : location.dbName;
    const orm = await MikroORM.init(
      ormConfig({
        location: { ...location, dbName },
        entities: [OutboxMessage],
        migrations: { sqlite: [], postgresql: [] },
      }),
    );
    try {
      return (await orm.em.fork().find(OutboxMessage, { sentAt: null })).map((row) => row.id);
    } finally {
      await orm.close(true);
    }
  }

  it('an outside subscriber sees each event id once', { timeout: 300_000 }, async () => {
    // keys are issued in a registered community: 莲秀 is onboarded first, its events relayed and marked sent
    const setup = await residents.startReady();
    const district = { role: 'district_admin' as const, community: '350203' };
    for (const [query, input] of [
      [REGISTER_STREET, { code: '350203008', name: '嘉莲街道', districtName: '思明区' }],
      [REGISTER_COMMUNITY, { code: '350203008006', name: '莲秀社区' }],
    ] as const) {
      const response = await fetch(residents.url('/graphql'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorizationFor(district)) },
        body: JSON.stringify({ query, variables: { input } }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
    await waitFor(async () => ((await pendingOutboxRows()).length === 0 ? true : undefined), {
      what: 'the onboarding events marked sent',
    });
    setup.child.kill('SIGTERM');
    await setup.exited;
    // held for a minute between publishing a batch and marking it sent
    const held = await residents.startReady({ env: { SHEQU_TEST_RELAY_PAUSE_AFTER_PUBLISH_MS: '60000' } });
    const first = await issueKey('区级人口库');
    const published = await waitFor(() => issuedEvents(first)[0], {
      timeoutMs: 30_000,
      intervalMs: 5,
      what: 'the first event in the stream',
    });
    held.child.kill('SIGKILL');
    await held.exited;
    // the precondition of the fault: the row is in the stream and still pending in the outbox
    expect(await pendingOutboxRows()).toContain(published.id);

    // longer than the duplicate window: the server no longer drops a repeat of that id
    await new Promise((resolve) => setTimeout(resolve, 2.5 * DUPLICATE_WINDOW_MS));
    await residents.startReady();
    const second = await issueKey('12345 热线');
    await waitFor(() => issuedEvents(second)[0], { timeoutMs: 30_000, what: 'the event after the restart' });
    await waitFor(async () => ((await pendingOutboxRows()).length === 0 ? true : undefined), {
      what: 'every outbox row marked sent',
    });
    // anything published again would be in the stream before the second key's event; give stragglers a moment
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(issuedEvents(first)).toHaveLength(1);
    expect(issuedEvents(second)).toHaveLength(1);
    const ids = seen.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
