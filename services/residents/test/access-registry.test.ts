import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiRead } from '@shequ/contracts';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { ManualClock } from '@shequ/subgraph';
import {
  TestEventPublisher,
  pendingSchemaChanges,
  startTestSubgraph,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { ApiKey } from '../src/access/index.js';
import { residentsCommunities } from '../src/application/community-registry.js';
import { residentsService } from '../src/service.js';

const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { key apiKey { id name scopes status expiresAt } } }`;
const TRAIL = `query($filter: PiiAuditTrailFilter, $first: Int, $after: String) {
  piiAuditTrail(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { service subjectType subjectId fields operation requestId callerKind callerId callerRoles readAt } }
  }
}`;

const piiRead = (subjectId: string, callerId: string, readAt: string, fields = ['idNumber', 'phone']) => ({
  operation: 'ResidentView',
  requestId: `req-${subjectId}-${callerId}`,
  caller: { kind: 'user' as const, id: callerId, roles: ['civil_affairs'], department: null },
  reads: [{ subjectType: 'Resident' as const, subjectId, fields }],
  readAt,
});

describe.each(testDialects())('residents: API-key registry and audit trail on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, { dialect, natsUrl: nats.url, clock });
    publisher = new TestEventPublisher(nats.url);
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('applies the committed migrations, which match the entities', async () => {
    expect(await pendingSchemaChanges(service)).toBe('');
  });

  it('issues a key (shown once, stored hashed), which then works with its scopes only, until revoked', async () => {
    const issued = await service.graphql(ISSUE, {
      input: { name: '思明区社会治理平台', scopes: ['residents:read', 'events:read'], validDays: 30 },
    });
    expect(issued.errors).toBeUndefined();
    const { key, apiKey } = issued.data.issueApiKey;
    expect(key).toMatch(new RegExp(`^shq_${apiKey.id}_[A-Za-z0-9_-]{40,}$`));
    expect(apiKey).toMatchObject({
      name: '思明区社会治理平台',
      scopes: ['residents:read', 'events:read'],
      status: 'ACTIVE',
    });
    const stored = await service.orm.em.fork().findOneOrFail(ApiKey, apiKey.id);
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // the whole secret (base64url: it may itself contain `_`), not a fragment after its last `_`
    const secret = key.slice(`shq_${apiKey.id}_`.length);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const listed = await service.graphql('{ apiKeys { id name scopes status } }');
    expect(listed.data.apiKeys).toEqual([
      { id: apiKey.id, name: '思明区社会治理平台', scopes: ['residents:read', 'events:read'], status: 'ACTIVE' },
    ]);
    expect(JSON.stringify(listed)).not.toContain(key);

    const asKey = { authorization: `ApiKey ${key}` };
    const read = await waitFor(
      async () => {
        const result = await service.graphql('{ residents(first: 1) { totalCount } }', {}, asKey);
        return result.data ? result : undefined;
      },
      { what: 'the key to reach the projection' },
    );
    expect(read.errors).toBeUndefined();
    const beyond = await service.graphql('{ apiKeys { id } }', {}, asKey);
    expect(beyond.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'apikeys:manage' });
    const wrongSecret = await service.graphql(
      '{ residents(first: 1) { totalCount } }',
      {},
      { authorization: `ApiKey shq_${apiKey.id}_${'x'.repeat(43)}` },
    );
    expect(wrongSecret.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const revoked = await service.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { status revokedAt } }', {
      id: apiKey.id,
    });
    expect(revoked.data.revokeApiKey.status).toBe('REVOKED');
    const refused = await waitFor(
      async () => {
        const result = await service.graphql('{ residents(first: 1) { totalCount } }', {}, asKey);
        return result.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' ? result : undefined;
      },
      { what: 'the revocation to take effect' },
    );
    expect(refused.data ?? null).toBeNull();
    const again = await service.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: apiKey.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', state: 'REVOKED' });
  });

  it('refuses unknown scopes, a too long validity, and callers without apikeys:manage', async () => {
    const scope = await service.graphql(ISSUE, {
      input: { name: '平台', scopes: ['residents:read', 'apikeys:manage'] },
    });
    expect(scope.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scopes' });
    const days = await service.graphql(ISSUE, { input: { name: '平台', scopes: ['events:read'], validDays: 366 } });
    expect(days.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validDays' });
    const grid = await service.graphql(
      ISSUE,
      { input: { name: '平台', scopes: ['events:read'] } },
      { role: 'grid_worker', grids: ['350203008006-01'] },
    );
    expect(grid.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'apikeys:manage' });
  });

  it('gathers every service’s pii_read events into one trail, once each, filtered by resident, caller and period', async () => {
    const first = await publisher.publish(PiiRead.cases, piiRead('res-a', 'user-1', '2026-11-01T08:00:00.000Z'));
    await publisher.publish(PiiRead.events, piiRead('res-a', 'user-2', '2026-11-02T08:00:00.000Z', ['phone']));
    await publisher.publish(PiiRead.partybuilding, piiRead('res-b', 'user-1', '2026-11-03T08:00:00.000Z'));
    await publisher.publish(PiiRead.partybuilding, piiRead('res-c', 'user-3', '2026-11-03T09:00:00.000Z'), {
      communityId: '350203008007',
    });
    await publisher.republish(first);

    const all = await waitFor(
      async () => {
        const result = await service.graphql(TRAIL, {});
        return result.data?.piiAuditTrail.totalCount === 3 && result.data.piiAuditTrail.edges.length === 3
          ? result
          : undefined;
      },
      { what: 'three trail entries' },
    );
    expect(all.data.piiAuditTrail.edges.map((e: any) => [e.node.service, e.node.subjectId, e.node.callerId])).toEqual([
      ['partybuilding', 'res-b', 'user-1'],
      ['events', 'res-a', 'user-2'],
      ['cases', 'res-a', 'user-1'],
    ]);
    expect(all.data.piiAuditTrail.edges[2].node).toMatchObject({
      fields: ['idNumber', 'phone'],
      operation: 'ResidentView',
      callerKind: 'user',
      callerRoles: ['civil_affairs'],
    });

    const byResident = await service.graphql(TRAIL, { filter: { residentId: 'res-a' } });
    expect(byResident.data.piiAuditTrail.edges.map((e: any) => e.node.service)).toEqual(['events', 'cases']);
    const byCaller = await service.graphql(TRAIL, { filter: { callerId: 'user-1' }, first: 1 });
    expect(byCaller.data.piiAuditTrail).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const next = await service.graphql(TRAIL, {
      filter: { callerId: 'user-1' },
      first: 1,
      after: byCaller.data.piiAuditTrail.pageInfo.endCursor,
    });
    expect(next.data.piiAuditTrail.edges[0].node.subjectId).toBe('res-a');
    const period = await service.graphql(TRAIL, {
      filter: { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' },
    });
    expect(period.data.piiAuditTrail.edges.map((e: any) => e.node.callerId)).toEqual(['user-2']);

    const denied = await service.graphql(TRAIL, {}, { role: 'civil_affairs' });
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'audit:read' });
  });

  it('refuses a key once it has expired, and lists it as EXPIRED', async () => {
    const issued = await service.graphql(ISSUE, {
      input: { name: '短期密钥', scopes: ['residents:read'], validDays: 1 },
    });
    const { key, apiKey } = issued.data.issueApiKey;
    const asKey = { authorization: `ApiKey ${key}` };
    await waitFor(async () => (await service.graphql('{ residents(first: 1) { totalCount } }', {}, asKey)).data, {
      what: 'the key to work',
    });
    clock.advance(24 * 60 * 60 * 1000 + 1);
    const expired = await service.graphql('{ residents(first: 1) { totalCount } }', {}, asKey);
    expect(expired.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const listed = await service.graphql('{ apiKeys { id status } }');
    expect(listed.data.apiKeys).toContainEqual({ id: apiKey.id, status: 'EXPIRED' });

    // the list is bounded: `first` (default and most 100), newest first
    const newest = await service.graphql('{ apiKeys(first: 1) { id } }');
    expect(newest.data.apiKeys).toHaveLength(1);
    const tooMany = await service.graphql('{ apiKeys(first: 101) { id } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('residents’ registry of communities', () => {
  it('has no test-only way to register a community (tests register theirs through @shequ/subgraph/testing)', () => {
    expect(Object.keys(residentsCommunities).sort()).toEqual(['authoritative', 'isRegistered', 'isRegisteredRegion']);
  });
});
