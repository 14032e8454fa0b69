import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiKeyRevoked,
  CareCategoryAdded,
  CareCategoryReviewDue,
  GridRegistered,
  PiiRead,
  ResidentRegistered,
  STREAM_NAME,
} from '@shequ/contracts';
import { OutboxMessage, readPositions } from '@shequ/messaging';
import {
  dispatchDueWebhooks,
  webhookSettingsFromEnv,
  webhookSignatureHeader,
  webhookSignatureProblem,
  WebhookDelivery,
  WebhookSubscription,
} from '@shequ/subgraph';
import {
  announcedReads,
  InMemoryApiKeys,
  startTestSubgraph,
  TestEventPublisher,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { casesService } from '../src/service.js';

/** Small back-off and timeout for the test (the defaults are 30 s and 10 s). */
const WEBHOOK_ENV = {
  SHEQU_WEBHOOK_POLL_MS: '50',
  SHEQU_WEBHOOK_MAX_ATTEMPTS: '3',
  SHEQU_WEBHOOK_RETRY_BASE_MS: '150',
  SHEQU_WEBHOOK_RETRY_MAX_MS: '2000',
  SHEQU_WEBHOOK_TIMEOUT_MS: '400',
  SHEQU_WEBHOOK_PRIVATE_TARGETS: '1',
};

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/** A district platform's receiver: /flaky fails (500), then times out, then answers 200; /down fails until fixed. */
async function startReceiver() {
  const received: Received[] = [];
  let flakyCalls = 0;
  let downFixed = false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      if (path === '/flaky') {
        flakyCalls += 1;
        if (flakyCalls === 1) return void response.writeHead(500).end('boom');
        if (flakyCalls === 2) return void setTimeout(() => response.writeHead(200).end('too late'), 1_500);
        return void response.writeHead(200).end('ok');
      }
      if (path === '/down') return void response.writeHead(downFixed ? 204 : 500).end();
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    fixDown: () => (downFixed = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const REGISTER = `mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { secret subscription { id status eventTypes url keyExpiresAt } }
}`;
const APPROVE = `mutation($id: ID!) { approveWebhook(input: { id: $id }) { subscription { id status approvedAt } } }`;
const LOG = `query {
  webhookSubscriptions(first: 20) {
    edges { node { id url status deliveries(first: 10) { edges { node {
      id eventId eventType status attempts lastError
      attemptLog { number statusCode error succeeded durationMs attemptedAt }
    } } } } }
  }
}`;

interface LoggedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  attemptLog: { number: number; statusCode: number | null; error: string | null; succeeded: boolean }[];
}

describe.each(testDialects())('signed webhooks for district platforms (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const keys = new InMemoryApiKeys();
  const saved: Record<string, string | undefined> = {};
  let platform: string;
  const subscriptions: Record<string, { id: string; secret: string }> = {};

  const asPlatform = (authorization: string) => ({ authorization });
  const register = async (authorization: string, url: string, eventTypes: string[]) =>
    service.graphql(REGISTER, { input: { url, eventTypes, description: '区社会治理平台' } }, asPlatform(authorization));
  const deliveriesOf = async (authorization: string, url: string): Promise<LoggedDelivery[]> => {
    const result = await service.graphql(LOG, {}, asPlatform(authorization));
    expect(result.errors).toBeUndefined();
    const node = (
      result.data.webhookSubscriptions.edges as {
        node: { url: string; deliveries: { edges: { node: LoggedDelivery }[] } };
      }[]
    ).find((e) => e.node.url === url)?.node;
    return node?.deliveries.edges.map((e) => e.node) ?? [];
  };

  beforeAll(async () => {
    for (const [name, value] of Object.entries(WEBHOOK_ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    receiver = await startReceiver();
    nats = await startNatsServer();
    // as the cases NATS user: its generated permissions must let it create and pull the webhook consumers
    service = await startTestSubgraph(casesService, {
      dialect,
      natsUrl: nats.url,
      natsCredentials: nats.credentials.cases,
      apiKeys: keys,
    });
    residents = new TestEventPublisher(nats.url);
    // the webhook feed starts with the events published after it first started (no replay of the history): its
    // position in cases' durable of each source is the stream's end at that start
    await service.bus.firstConnection;
    const jsm = await service.bus.jetstreamManager();
    const lastBefore = (await jsm.streams.info(STREAM_NAME)).state.last_seq;
    for (const source of ['residents', 'cases']) {
      await waitFor(() => jsm.consumers.info(STREAM_NAME, `cases__from__${source}`), {
        what: `cases' durable of ${source}`,
      });
      const purpose = `cases__webhooks__${source}`;
      const positions = await waitFor(
        async () => {
          const found = await readPositions(service.orm.em.fork(), [purpose]);
          return found.has(purpose) ? found : undefined;
        },
        { what: `the position of ${purpose}` },
      );
      expect(positions.get(purpose)).toBeGreaterThanOrEqual(lastBefore);
    }
    platform = keys.issue(['residents:read', 'cases:read'], { name: '思明区社会治理平台' }).authorization;
    for (const path of ['/flaky', '/down', '/unapproved']) {
      const result = await register(platform, receiver.url(path), ['grid.registered']);
      expect(result.errors).toBeUndefined();
      const { subscription, secret } = result.data.registerWebhook as {
        subscription: { id: string; status: string };
        secret: string;
      };
      expect(subscription.status).toBe('PENDING_APPROVAL');
      expect(secret).toMatch(/^whsec_/);
      subscriptions[path] = { id: subscription.id, secret };
    }
    for (const path of ['/flaky', '/down']) {
      const approved = await service.graphql(APPROVE, { id: subscriptions[path].id });
      expect(approved.errors).toBeUndefined();
      expect(approved.data.approveWebhook.subscription.status).toBe('ACTIVE');
    }
    // a subscription whose key's scopes do not read grid events (as if the scopes had been narrowed): never fed
    const em = service.orm.em.fork();
    em.create(WebhookSubscription, {
      id: 'sub-without-scope',
      communityId: '350203008006',
      apiKeyId: 'key-cases-only',
      url: receiver.url('/out-of-scope'),
      eventTypes: ['grid.registered'],
      scopes: ['cases:read'],
      secret: 'whsec_test',
      status: 'ACTIVE',
      registeredAt: new Date(),
    });
    await em.flush();
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
    await receiver?.close();
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  it('refuses bad registrations naming the field, and writes nothing', async () => {
    const before = await service.orm.em.fork().count(WebhookSubscription, {});
    const cases = keys.issue(['cases:read']).authorization;
    const attempts: [string, string[], string, string, RegExp][] = [
      [platform, ['grid.registered'], 'ftp://example.org/hook', 'url', /http 或 https/],
      [platform, ['grid.registered'], 'javascript:alert(1)', 'url', /http 或 https/],
      [platform, ['grid.registered'], 'not a url', 'url', /不是合法的网址/],
      [platform, ['resident.teleported'], receiver.url('/x'), 'eventTypes', /未知的事件类型「resident.teleported」/],
      [platform, ['audit.pii_read'], receiver.url('/x'), 'eventTypes', /未知的事件类型/],
      [cases, ['grid.registered'], receiver.url('/x'), 'eventTypes', /需要密钥范围 residents:read/],
      [platform, ['care_category.added'], receiver.url('/x'), 'eventTypes', /需要密钥范围 care:read/],
    ];
    for (const [authorization, eventTypes, url, field, message] of attempts) {
      const result = await register(authorization, url, eventTypes);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(message);
    }
    // users do not register webhooks; keys do not approve them
    const byUser = await service.graphql(REGISTER, {
      input: { url: receiver.url('/x'), eventTypes: ['grid.registered'] },
    });
    expect(byUser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byKey = await service.graphql(APPROVE, { id: subscriptions['/unapproved'].id }, asPlatform(platform));
    expect(byKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await service.orm.em.fork().count(WebhookSubscription, {})).toBe(before);
  });

  it('retries a failing, then timing-out receiver with back-off until it answers 200, logging every attempt', async () => {
    const event = await residents.publish(GridRegistered, {
      gridId: 'grid-webhook-1',
      code: '350203008006-09',
      name: '测试网格',
      gridWorkerStaffId: null,
    });
    const flaky = receiver.url('/flaky');
    const delivered = await waitFor(
      async () => (await deliveriesOf(platform, flaky)).find((d) => d.status === 'DELIVERED'),
      { timeoutMs: 30_000, what: 'the flaky delivery' },
    );
    expect(delivered.eventId).toBe(event.id);
    expect(delivered.eventType).toBe('grid.registered');
    expect(delivered.attemptLog.map((a) => [a.number, a.statusCode, a.succeeded])).toEqual([
      [1, 500, false],
      [2, null, false],
      [3, 200, true],
    ]);
    expect(delivered.attemptLog[0].error).toBe('HTTP 500');
    expect(delivered.attemptLog[1].error).toMatch(/超时/);
    // at-least-once with one event id: every attempt carried it; back-off doubled (150 ms, then 300 ms after the
    // 400 ms timeout)
    const calls = receiver.received.filter((r) => r.path === '/flaky');
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.headers['x-shequ-event-id'] === event.id)).toBe(true);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(150);
    // (the timeout runs from when the dispatcher sent, a little before the receiver's timestamp: 100 ms of slack)
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(400 + 300 - 100);

    // the body is the envelope without the graph's internals, signed with the subscription's secret
    const last = calls[2];
    const body = JSON.parse(last.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: event.id,
      type: 'grid.registered',
      source: 'residents',
      aggregateId: 'grid-webhook-1',
    });
    expect(body).not.toHaveProperty('actor');
    expect(body).not.toHaveProperty('correlationId');
    const signature = last.headers['x-shequ-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const secret = subscriptions['/flaky'].secret;
    expect(webhookSignatureProblem(secret, signature, last.body)).toBeNull();
    expect(webhookSignatureProblem(secret, signature, last.body.replace('测试网格', '别的网格'))).toMatch(/签名不符/);
    expect(webhookSignatureProblem(subscriptions['/down'].secret, signature, last.body)).toMatch(/签名不符/);
    const old = Math.floor(Date.now() / 1000) - 600;
    expect(webhookSignatureProblem(secret, webhookSignatureHeader(secret, old, last.body), last.body)).toMatch(
      /超出允许的时间差/,
    );
  });

  it('dead-letters a delivery that keeps failing, and redelivers it on request', async () => {
    const down = receiver.url('/down');
    const dead = await waitFor(async () => (await deliveriesOf(platform, down)).find((d) => d.status === 'DEAD'), {
      timeoutMs: 30_000,
      what: 'the dead letter',
    });
    expect(dead.attempts).toBe(3);
    expect(dead.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 500]);
    expect(dead.lastError).toBe('HTTP 500');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.received.filter((r) => r.path === '/down')).toHaveLength(3);

    receiver.fixDown();
    const redeliver = await service.graphql(
      `mutation($id: ID!) { redeliverWebhookDelivery(input: { deliveryId: $id }) { delivery { status attempts } } }`,
      { id: dead.id },
      asPlatform(platform),
    );
    expect(redeliver.errors).toBeUndefined();
    expect(redeliver.data.redeliverWebhookDelivery.delivery).toEqual({ status: 'PENDING', attempts: 0 });
    const delivered = await waitFor(
      async () => (await deliveriesOf(platform, down)).find((d) => d.status === 'DELIVERED'),
      { timeoutMs: 15_000, what: 'the redelivery' },
    );
    expect(delivered.attemptLog.map((a) => [a.number, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 204],
    ]);
  });

  it('sends nothing to a registration not yet approved, nor for event types outside the key’s scopes', async () => {
    expect(
      await service.orm.em.fork().count(WebhookDelivery, { subscriptionId: subscriptions['/unapproved'].id }),
    ).toBe(0);
    expect(await service.orm.em.fork().count(WebhookDelivery, { subscriptionId: 'sub-without-scope' })).toBe(0);
    expect(receiver.received.filter((r) => r.path === '/unapproved' || r.path === '/out-of-scope')).toEqual([]);
    // another key does not see this platform's subscriptions
    const other = keys.issue(['residents:read']).authorization;
    const seen = await service.graphql(
      `{ webhookSubscriptions(first: 10) { edges { node { id } } } }`,
      {},
      asPlatform(other),
    );
    expect(seen.data.webhookSubscriptions.edges).toEqual([]);
  });

  it('delivers the cases service’s own events (a case opened through the API) to a key that reads cases', async () => {
    const casesKey = keys.issue(['cases:read'], { name: '思明区12345热线' }).authorization;
    const registered = await register(casesKey, receiver.url('/cases'), ['case.opened']);
    expect(registered.errors).toBeUndefined();
    const { subscription } = registered.data.registerWebhook as { subscription: { id: string } };
    expect((await service.graphql(APPROVE, { id: subscription.id })).errors).toBeUndefined();
    const opened = await service.graphql(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
      { input: { category: 'HOUSING_REPAIR', channel: 'HOTLINE', description: '楼道灯不亮' } },
    );
    expect(opened.errors).toBeUndefined();
    const caseId = (opened.data.openCase.case as { id: string }).id;
    const call = await waitFor(() => receiver.received.find((r) => r.path === '/cases'), {
      timeoutMs: 15_000,
      what: 'the case.opened delivery',
    });
    expect(JSON.parse(call.body)).toMatchObject({ type: 'case.opened', source: 'cases', aggregateId: caseId });
    expect(call.headers['x-shequ-event-type']).toBe('case.opened');
    // the platform subscribed to grid.registered only receives no case events
    expect(await deliveriesOf(platform, receiver.url('/flaky'))).toHaveLength(1);
  });

  it('gives each key what the graph gives it: birth dates with pii:read, 重点人员 with sensitive:read, care-derived tasks with care:read', async () => {
    const eventTypes = ['resident.registered', 'care_category.added', 'proactive_task.created'];
    const issued = {
      '/all': keys.issue(['residents:read', 'cases:read', 'care:read', 'sensitive:read', 'pii:read']),
      '/care': keys.issue(['residents:read', 'cases:read', 'care:read']),
      '/no-care': keys.issue(['residents:read', 'cases:read']),
    };
    const platforms = Object.fromEntries(Object.entries(issued).map(([path, key]) => [path, key.authorization]));
    const ids: Record<string, string> = {};
    for (const [path, key] of Object.entries(platforms)) {
      const types = path === '/no-care' ? eventTypes.filter((t) => !t.startsWith('care_')) : eventTypes;
      const registered = await register(key, receiver.url(path), types);
      expect(registered.errors).toBeUndefined();
      const { id } = (registered.data.registerWebhook as { subscription: { id: string } }).subscription;
      expect((await service.graphql(APPROVE, { id })).errors).toBeUndefined();
      ids[path] = id;
    }
    const residentId = 'wh-resident-1';
    await residents.publish(ResidentRegistered, {
      residentId,
      householdId: 'household-1',
      buildingId: 'building-1',
      gridId: 'grid-1',
      gender: 'FEMALE',
      birthDate: '1950-03-04',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    for (const category of ['KEY_PERSON', 'MINIMUM_LIVING_ALLOWANCE'] as const)
      await residents.publish(CareCategoryAdded, {
        residentId,
        category,
        startedOn: '2026-01-01',
        source: '民政局审批',
        nextReviewOn: '2026-07-01',
      });
    // cases makes a 低保 review task of it (CARE_REVIEW_DUE: exists only because of the category)
    await residents.publish(CareCategoryReviewDue, {
      residentId,
      category: 'MINIMUM_LIVING_ALLOWANCE',
      dueOn: '2026-12-20',
      gridId: 'grid-1',
    });
    const bodiesAt = (path: string) =>
      receiver.received
        .filter((r) => r.path === path)
        .map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    await waitFor(() => (bodiesAt('/all').length >= 4 ? true : undefined), {
      timeoutMs: 20_000,
      what: 'the four deliveries to the key that sees everything',
    });
    // the others were enqueued in the same transactions as /all's: give their dispatch a moment
    await waitFor(() => (bodiesAt('/care').length >= 3 && bodiesAt('/no-care').length >= 1 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the deliveries to the narrower keys',
    });
    const seen = (path: string) =>
      bodiesAt(path)
        .map((b) =>
          b.type === 'resident.registered'
            ? `${b.type} ${String(b.data.birthDate)}`
            : `${b.type} ${String(b.data.category ?? b.data.rule)}`,
        )
        .sort();
    expect(seen('/all')).toEqual([
      'care_category.added KEY_PERSON',
      'care_category.added MINIMUM_LIVING_ALLOWANCE',
      'proactive_task.created CARE_REVIEW_DUE',
      'resident.registered 1950-03-04',
    ]);
    expect(seen('/care')).toEqual([
      'care_category.added MINIMUM_LIVING_ALLOWANCE',
      'proactive_task.created CARE_REVIEW_DUE',
      'resident.registered null',
    ]);
    expect(seen('/no-care')).toEqual(['resident.registered null']);
    // owed in the same transactions as /all's four: nothing more is on its way to the narrower keys
    const owed = (path: string) => service.orm.em.fork().count(WebhookDelivery, { subscriptionId: ids[path] });
    expect([await owed('/all'), await owed('/care'), await owed('/no-care')]).toEqual([4, 3, 1]);
    // what a key received unmasked is in the person's trail as that key's read, as its query would be: the birth
    // date, the care category and the 重点人员 tag — before, no delivery was audited
    const auditedOf = async (path: keyof typeof issued) => [
      ...new Set(
        (await announcedReads(service, 'cases', issued[path].keyId))
          .filter(({ read }) => read.subjectId === residentId)
          .flatMap(({ communityId, read }) => read.fields.map((field) => `${communityId}:${field}`))
          .sort(),
      ),
    ];
    expect(await auditedOf('/all')).toEqual([
      '350203008006:birthDate',
      '350203008006:careCategories',
      '350203008006:sensitiveTags',
    ]);
    expect(await auditedOf('/care')).toEqual(['350203008006:careCategories']);
    expect(await auditedOf('/no-care')).toEqual([]);
    // the 低保 review task (a rule that exists only because of the category) is a read of its resident's care
    // category on its own, as the graph's proactiveTasks audits it
    const taskReads = async (path: keyof typeof issued) =>
      (await service.orm.em.fork().find(OutboxMessage, { subject: PiiRead.cases.subject }))
        .map((row) => JSON.parse(row.payload) as { data: { operation: string; caller: { id: string }; reads: any[] } })
        .filter((e) => e.data.caller.id === issued[path].keyId && e.data.operation === 'webhook proactive_task.created')
        .flatMap((e) => e.data.reads.map((r) => `${r.subjectId}:${r.fields}`));
    expect(await taskReads('/all')).toEqual([`${residentId}:careCategories`]);
    expect(await taskReads('/care')).toEqual([`${residentId}:careCategories`]);
    expect(await taskReads('/no-care')).toEqual([]);
  });

  it('disables the webhooks of a revoked key', async () => {
    const revoked = keys.issue(['residents:read']);
    const registered = await register(revoked.authorization, receiver.url('/revoked'), ['grid.registered']);
    const { subscription } = registered.data.registerWebhook as { subscription: { id: string } };
    expect((await service.graphql(APPROVE, { id: subscription.id })).errors).toBeUndefined();
    keys.revoke(revoked.keyId);
    await residents.publish(ApiKeyRevoked, { keyId: revoked.keyId, revokedAt: new Date().toISOString() });
    const disabled = await waitFor(
      async () => {
        const row = await service.orm.em.fork().findOne(WebhookSubscription, { id: subscription.id });
        return row?.status === 'DISABLED' ? row : undefined;
      },
      { what: 'the revoked key’s webhook disabled' },
    );
    expect(disabled.disabledAt).toBeInstanceOf(Date);
  });

  it('stops the webhooks of a key once it expires: nothing more owed, and what was owed is not sent', async () => {
    const expiresAt = new Date(Date.now() + 2_500);
    const expiring = keys.issue(['residents:read'], { name: '将到期的平台密钥', expiresAt });
    const registered = await register(expiring.authorization, receiver.url('/expiring'), ['grid.registered']);
    expect(registered.errors).toBeUndefined();
    const { subscription } = registered.data.registerWebhook as { subscription: { id: string; keyExpiresAt: string } };
    expect((await service.graphql(APPROVE, { id: subscription.id })).errors).toBeUndefined();
    const em = service.orm.em.fork();
    expect((await em.findOneOrFail(WebhookSubscription, subscription.id)).keyExpiresAt?.getTime()).toBe(
      expiresAt.getTime(),
    );
    // owed while the key was valid, sent after it expired
    em.create(WebhookDelivery, {
      id: 'delivery-of-expired-key',
      communityId: '350203008006',
      subscriptionId: subscription.id,
      eventId: 'event-of-expired-key',
      eventType: 'grid.registered',
      body: '{"id":"event-of-expired-key"}',
      createdAt: new Date(),
      nextAttemptAt: new Date(expiresAt.getTime() + 100),
    });
    await em.flush();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() + 200 - Date.now())));
    const event = await residents.publish(GridRegistered, {
      gridId: 'grid-webhook-expired',
      code: '350203008006-11',
      name: '到期后的网格',
      gridWorkerStaffId: null,
    });
    // the platform with a valid key still receives the event: the feed has handled it
    await waitFor(() => receiver.received.find((r) => r.headers['x-shequ-event-id'] === event.id), {
      timeoutMs: 15_000,
      what: 'the valid key’s delivery of the event',
    });
    const dead = await waitFor(
      async () => {
        const row = await service.orm.em.fork().findOne(WebhookDelivery, { id: 'delivery-of-expired-key' });
        return row?.status === 'DEAD' ? row : undefined;
      },
      { what: 'the expired key’s owed delivery given up' },
    );
    expect(dead.lastError).toBe('API 密钥已过期，订阅已停用');
    const after = await service.orm.em.fork().findOneOrFail(WebhookSubscription, subscription.id);
    expect(after.status).toBe('DISABLED');
    expect(
      await service.orm.em.fork().count(WebhookDelivery, { subscriptionId: subscription.id, eventId: event.id }),
    ).toBe(0);
    expect(receiver.received.filter((r) => r.path === '/expiring')).toEqual([]);
  });

  it('resumes a delivery whose claim was left by a process that died mid-send', async () => {
    const em = service.orm.em.fork();
    const delivery = em.create(WebhookDelivery, {
      id: 'delivery-left-behind',
      communityId: '350203008006',
      subscriptionId: subscriptions['/flaky'].id,
      eventId: 'event-left-behind',
      eventType: 'grid.registered',
      body: '{"id":"event-left-behind"}',
      createdAt: new Date(),
      nextAttemptAt: new Date(Date.now() - 60_000),
      // claimed by a dispatcher that was killed: its lease ran out a second ago
      lockedUntil: new Date(Date.now() - 1_000),
    });
    await em.flush();
    await dispatchDueWebhooks(service.orm, webhookSettingsFromEnv());
    await waitFor(
      async () => (await service.orm.em.fork().findOne(WebhookDelivery, { id: delivery.id }))?.status === 'DELIVERED',
      { what: 'the resumed delivery' },
    );
    expect(receiver.received.some((r) => r.headers['x-shequ-event-id'] === 'event-left-behind')).toBe(true);
  });
});
