import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSubscription } from '@shequ/subgraph';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { casesService } from '../src/service.js';

// The webhook subscriptions an admin lists are its rows, the rule apiKeys follows in residents: a community admin
// its community's, a street admin every community of its street, never another street's.
const LIUXIU = '350203008006';
const LIANSHUN = '350203008001';
const OTHER_STREET = '350203009001';
const LIST = '{ webhookSubscriptions(first: 20) { totalCount edges { node { id communityId } } } }';

describe.each(testDialects())('webhook subscriptions listed by the caller’s rows on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, {
      dialect,
      registeredCommunities: [LIUXIU, LIANSHUN, OTHER_STREET],
    });
    const em = service.orm.em.fork();
    for (const community of [LIUXIU, LIANSHUN, OTHER_STREET])
      em.create(WebhookSubscription, {
        id: `sub-${community}`,
        communityId: community,
        apiKeyId: `key-${community}`,
        url: 'https://zhili.example.gov.cn/hooks/shequ',
        eventTypes: ['case.opened'],
        scopes: ['cases:read'],
        secret: 'whsec_test',
        status: 'ACTIVE',
        registeredAt: new Date(),
      });
    await em.flush();
  });
  afterAll(() => service?.stop());

  const listed = async (caller: Parameters<TestSubgraph['graphql']>[2]) => {
    const result = await service.graphql(LIST, {}, caller);
    expect(result.errors).toBeUndefined();
    return (result.data.webhookSubscriptions.edges as { node: { communityId: string } }[])
      .map((e) => e.node.communityId)
      .sort();
  };

  it('a community admin lists its community’s, a street admin its street’s, whichever community it acts in', async () => {
    expect(await listed({ role: 'community_admin', community: LIUXIU })).toEqual([LIUXIU]);
    const streetAdmin = { role: 'street_admin' as const, community: '350203008' };
    expect(await listed(streetAdmin)).toEqual([LIANSHUN, LIUXIU]);
    expect(await listed({ ...streetAdmin, actingCommunity: LIUXIU })).toEqual([LIANSHUN, LIUXIU]);
  });
});
