import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { JWT_AUDIENCE, JWT_ISSUER, signHs256Token, type Role } from '@shequ/auth';
import { gatewayConfig } from '../src/gateway-config.js';
import type { RunningGateway } from '../src/gateway-server.js';
import { startGatewayWithoutSubgraphs } from './gateway-without-subgraphs.js';
import { TRUSTED_DOCUMENTS_MANIFEST, TrustedDocuments } from '../src/trusted-documents.js';

// Decided by the gateway before any subgraph is called (none runs here): a trusted document gets past the check
// and then fails to reach its subgraph, an untrusted one from a front-end role never gets that far.
const SECRET = 'trusted-documents-test-secret-0123456789';
const token = (role: Role) =>
  signHs256Token(
    { sub: `t-${role}`, name: '测试', community: '350203008006', roles: [role] },
    { secret: SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
  );
const manifest = JSON.parse(readFileSync(TRUSTED_DOCUMENTS_MANIFEST, 'utf8')) as Record<string, string>;
const [householdCountHash, householdCount] = Object.entries(manifest).find(([, text]) =>
  text.startsWith('query HouseholdCount'),
)!;

describe('trusted documents for front ends (production)', () => {
  let gateway: RunningGateway;
  let url: string;
  beforeAll(async () => {
    gateway = await startGatewayWithoutSubgraphs({ NODE_ENV: 'production', SHEQU_JWT_SECRET: SECRET });
    url = `http://127.0.0.1:${gateway.http.port}/graphql`;
  });
  afterAll(() => gateway?.stop());

  const post = async (role: Role, body: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role)}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const byId = { extensions: { persistedQuery: { version: 1, sha256Hash: householdCountHash } } };

  it('refuses an ad hoc query from a front-end role with a clear Chinese error', async () => {
    for (const role of ['grid_worker', 'civil_affairs', 'culture', 'party_affairs'] as const) {
      const result = await post(role, { query: '{ households(first: 1) { totalCount } }' });
      expect(result.status).toBe(403);
      expect(result.body.errors[0]).toMatchObject({
        message: expect.stringContaining('未登记的查询文档'),
        extensions: { code: 'UNTRUSTED_DOCUMENT' },
      });
    }
  });

  it('lets a front-end role run a trusted document by id or by its exact text, not a variant of it', async () => {
    for (const body of [byId, { query: householdCount }, { query: householdCount, ...byId }]) {
      const result = await post('grid_worker', body);
      expect(result.body.errors?.[0]?.extensions?.code).not.toBe('UNTRUSTED_DOCUMENT');
      // past the check, the gateway tried the residents subgraph (not running here)
      expect(JSON.stringify(result.body.errors)).toMatch(/residents|ECONNREFUSED|fetch failed|connect/i);
    }
    const variant = await post('grid_worker', { query: householdCount.replace('totalCount', 'totalCount __typename') });
    expect(variant.body.errors[0].extensions.code).toBe('UNTRUSTED_DOCUMENT');
    const unknownId = await post('grid_worker', {
      extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    });
    expect(unknownId.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('still lets analysts and community_admin send ad hoc queries, within their budget', async () => {
    for (const role of ['analyst', 'community_admin'] as const) {
      const result = await post(role, { query: '{ __typename }' });
      expect(result.body).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('checks that every id in the manifest is the sha256 of its document', () => {
    expect(TrustedDocuments.load().size).toBe(Object.keys(manifest).length);
    expect(() => TrustedDocuments.fromManifest({ ['0'.repeat(64)]: householdCount })).toThrow(/not the sha256/);
  });

  it('is off in development unless asked for', () => {
    expect(gatewayConfig({}).trustedDocumentsOnly).toBe(false);
    expect(gatewayConfig({ SHEQU_TRUSTED_DOCUMENTS_ONLY: 'on' }).trustedDocumentsOnly).toBe(true);
    expect(gatewayConfig({ NODE_ENV: 'production' }).trustedDocumentsOnly).toBe(true);
  });
});
