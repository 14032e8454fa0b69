import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PERMISSION_HEADER } from '@shequ/server';
import { InMemoryApiKeys, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, type NatsServerHandle } from '@shequ/testing';
import { casesService } from '../src/service.js';

const LIST = '{ cases(first: 1) { totalCount } }';

// The gateway's /exports names the permission a register needs; the subgraph holds every caller to it.
describe.each(testDialects())('exports of the case register need cases:export (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const keys = new InMemoryApiKeys();
  const exporting = (permission = 'cases:export') => ({ [EXPORT_PERMISSION_HEADER]: permission });

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, apiKeys: keys });
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('answers a community_admin and a key with the scope', async () => {
    expect((await service.graphql(LIST, {}, { headers: exporting() })).errors).toBeUndefined();
    const key = keys.issue(['cases:read', 'cases:export']);
    const answer = await service.graphql(LIST, {}, { authorization: key.authorization, headers: exporting() });
    expect(answer.errors).toBeUndefined();
  });

  it('refuses a role or a key without it, though they may read the same list page by page', async () => {
    const gridWorker = { role: 'grid_worker' as const, grids: ['350203008006-01'], headers: exporting() };
    const refused = await service.graphql(LIST, {}, gridWorker);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('cases:export');
    const reader = keys.issue(['cases:read']);
    const byKey = await service.graphql(LIST, {}, { authorization: reader.authorization, headers: exporting() });
    expect(byKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await service.graphql(LIST, {}, { authorization: reader.authorization })).errors).toBeUndefined();
  });

  it('takes only an export permission in the header', async () => {
    const answer = await service.graphql(LIST, {}, { headers: exporting('cases:read') });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
