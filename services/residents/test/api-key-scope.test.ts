import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ApiKeyRevoked } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { residentsService } from '../src/service.js';

// Which keys an admin lists is its rows, the rule of webhookSubscriptions and revokeApiKey: a community admin its
// community's, a street admin every community of its street (not only the one its X-Shequ-Community names), never
// another street's.
const LIUXIU = '350203008006';
const LIANSHUN = '350203008001'; // the same street, 嘉莲
const OTHER_STREET = '350203009001';
const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey { id communityId } } }`;
const LIST = '{ apiKeys { id communityId name } }';

describe.each(testDialects())('API keys listed by the caller’s rows on %s', (dialect) => {
  let service: TestSubgraph;
  const ids: Record<string, string> = {};
  const admin = (community: string) => ({ role: 'community_admin' as const, community });
  const streetAdmin = { role: 'street_admin' as const, community: '350203008' };

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, {
      dialect,
      registeredCommunities: [LIUXIU, LIANSHUN, OTHER_STREET],
    });
    for (const community of [LIUXIU, LIANSHUN, OTHER_STREET]) {
      const issued = await service.graphql(
        ISSUE,
        { input: { name: `平台 ${community}`, scopes: ['residents:read'] } },
        admin(community),
      );
      expect(issued.errors).toBeUndefined();
      expect(issued.data.issueApiKey.apiKey.communityId).toBe(community);
      ids[community] = issued.data.issueApiKey.apiKey.id;
    }
  });
  afterAll(() => service?.stop());

  const listed = async (caller: Parameters<TestSubgraph['graphql']>[2]) => {
    const result = await service.graphql(LIST, {}, caller);
    expect(result.errors).toBeUndefined();
    return (result.data.apiKeys as { id: string; communityId: string }[]).map((k) => k.communityId).sort();
  };

  it('a community admin lists its community’s keys only', async () => {
    expect(await listed(admin(LIUXIU))).toEqual([LIUXIU]);
    expect(await listed(admin(OTHER_STREET))).toEqual([OTHER_STREET]);
  });

  it('a street admin lists the keys of every community of its street, whichever community it acts in', async () => {
    expect(await listed(streetAdmin)).toEqual([LIANSHUN, LIUXIU]);
    expect(await listed({ ...streetAdmin, actingCommunity: LIUXIU })).toEqual([LIANSHUN, LIUXIU]);
  });

  it('and may revoke what it lists, not another street’s key', async () => {
    const revoke = 'mutation($id: ID!) { revokeApiKey(id: $id) { id status } }';
    const acting = { ...streetAdmin, actingCommunity: LIUXIU };
    const own = await service.graphql(revoke, { id: ids[LIANSHUN] }, acting);
    expect(own.data?.revokeApiKey).toEqual({ id: ids[LIANSHUN], status: 'REVOKED' });
    // the event names the key's community, not the one the street admin acted in
    const revoked = await service.orm.em
      .fork()
      .find(OutboxMessage, { subject: ApiKeyRevoked.subject }, { orderBy: { id: 'desc' }, limit: 1 });
    expect(JSON.parse(revoked[0].payload)).toMatchObject({ communityId: LIANSHUN, data: { keyId: ids[LIANSHUN] } });
    const foreign = await service.graphql(revoke, { id: ids[OTHER_STREET] }, acting);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
