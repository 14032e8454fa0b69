import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDelivery, WebhookSubscription } from '@shequ/subgraph';
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
    em.create(WebhookDelivery, {
      id: 'delivery-lianshun',
      communityId: LIANSHUN,
      subscriptionId: `sub-${LIANSHUN}`,
      eventId: 'event-lianshun',
      eventType: 'case.opened',
      body: '{}',
      status: 'DEAD',
      attempts: 8,
      createdAt: new Date(),
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

  // A refusal tells nothing of another community's records: a delivery of 莲顺 is refused to 莲秀's admin exactly as
  // a delivery that does not exist (before: «Webhook 订阅 sub-… 不存在或不在您的范围内», naming 莲顺's subscription).
  it('redelivering another community’s delivery is refused as one that does not exist, naming nothing of it', async () => {
    const redeliver = (id: string) =>
      service.graphql(
        'mutation($id: ID!) { redeliverWebhookDelivery(input: { deliveryId: $id }) { delivery { status } } }',
        { id },
        { role: 'community_admin', community: LIUXIU },
      );
    const foreign = await redeliver('delivery-lianshun');
    const missing = await redeliver('delivery-nowhere');
    const refusal = (result: Awaited<ReturnType<typeof redeliver>>, id: string) => ({
      message: String(result.errors?.[0]?.message).replace(id, '<id>'),
      code: result.errors?.[0]?.extensions?.code,
    });
    expect(foreign.errors).toHaveLength(1);
    expect(refusal(foreign, 'delivery-lianshun')).toEqual(refusal(missing, 'delivery-nowhere'));
    expect(JSON.stringify(foreign.errors)).not.toContain(`sub-${LIANSHUN}`);
    const row = await service.orm.em.fork().findOneOrFail(WebhookDelivery, { id: 'delivery-lianshun' });
    expect(row.status).toBe('DEAD');
  });
});
