import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@shequ/testing';
import { SERVICES, startSystem, type RunningSystem } from './system.js';

const ISSUE = `mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { key apiKey { id } } }`;
const REGISTER_STREET = `mutation($input: RegisterStreetInput!) { registerStreet(input: $input) { street { id } } }`;
const REGISTER_COMMUNITY = `mutation($input: RegisterCommunityInput!) { registerCommunity(input: $input) { community { id } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { status } }`;
/** A revocation must reach every subgraph within this long after a NATS restart (it took 37–43 s). */
const PROMPTLY_MS = 10_000;

type Answer = 'accepted' | 'not current' | 'refused';

/**
 * Issue 14, fault 2: after nats-server restarted, a key revoked right then was still accepted for 37–43 s by one
 * to all four subgraphs. Real processes: nats-server, the four services (no demo data) and the gateway. Each
 * round stops nats-server (every subgraph refuses API keys: it cannot confirm it is current), starts it again,
 * revokes a key at once and issues a new one: every subgraph refuses the revoked key within seconds and accepts
 * the new one (caught up).
 */
describe('API-key revocation after a NATS restart, in every subgraph', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ SHEQU_SEED: 'none' });
    // without the demo no community is registered: 莲秀 is onboarded first (keys are issued in a registered one)
    const district = { role: 'district_admin' as const, community: '350203' };
    for (const [mutation, input] of [
      [REGISTER_STREET, { code: '350203008', name: '嘉莲街道', districtName: '思明区' }],
      [REGISTER_COMMUNITY, { code: '350203008006', name: '莲秀社区' }],
    ] as const)
      expect((await system.query(mutation, { input }, district)).errors).toBeUndefined();
  });
  afterAll(() => system?.stop());

  /** Asks a subgraph directly (not through the gateway) with the key. */
  async function answer(service: (typeof SERVICES)[number], key: string): Promise<Answer> {
    const port = system.env[`${service.toUpperCase()}_PORT`];
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${key}` },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(5_000),
    });
    const result = (await response.json()) as { data?: { __typename?: string }; errors?: any[] };
    if (result.data?.__typename === 'Query') return 'accepted';
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    return /暂时无法确认/.test(result.errors?.[0]?.message ?? '') ? 'not current' : 'refused';
  }
  const answers = (key: string) => Promise.all(SERVICES.map((service) => answer(service, key)));

  async function issue(name: string): Promise<{ key: string; id: string }> {
    const result = await system.query(ISSUE, { input: { name, scopes: ['residents:read', 'cases:read'] } });
    expect(result.errors).toBeUndefined();
    return { key: result.data.issueApiKey.key, id: result.data.issueApiKey.apiKey.id };
  }

  it('refuses keys while NATS is away and a key revoked right after each restart within seconds', async () => {
    for (let round = 1; round <= 3; round++) {
      const revoked = await issue(`区级平台 ${round}`);
      await waitFor(async () => ((await answers(revoked.key)).every((a) => a === 'accepted') ? true : undefined), {
        timeoutMs: 30_000,
        what: 'the key accepted by every subgraph',
      });

      await system.nats.stop();
      // fails closed: none of them can confirm it is current with the registry
      await waitFor(async () => ((await answers(revoked.key)).every((a) => a === 'not current') ? true : undefined), {
        timeoutMs: 10_000,
        what: 'every subgraph to refuse keys while NATS is away',
      });

      await system.nats.start();
      const revocation = await system.query(REVOKE, { id: revoked.id });
      expect(revocation.errors).toBeUndefined();
      const revokedAt = Date.now();
      const fresh = await issue(`区级平台 ${round} 新密钥`);

      const lastAccepted: Partial<Record<(typeof SERVICES)[number], number>> = {};
      const freshAccepted: Partial<Record<(typeof SERVICES)[number], number>> = {};
      while (Date.now() - revokedAt < PROMPTLY_MS + 5_000) {
        const [old, recent] = await Promise.all([answers(revoked.key), answers(fresh.key)]);
        const at = Date.now() - revokedAt;
        SERVICES.forEach((service, i) => {
          if (old[i] === 'accepted') lastAccepted[service] = at;
          if (recent[i] === 'accepted') freshAccepted[service] ??= at;
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      console.log(`round ${round}: revoked key last accepted`, lastAccepted, 'new key first accepted', freshAccepted);
      // the revoked key: refused everywhere within seconds (and for good)
      for (const [service, at] of Object.entries(lastAccepted)) expect(at, service).toBeLessThan(PROMPTLY_MS);
      expect(await answers(revoked.key)).toEqual(SERVICES.map(() => 'refused'));
      // caught up within seconds: a key issued after the restart works in every subgraph
      for (const service of SERVICES) expect(freshAccepted[service], service).toBeLessThan(PROMPTLY_MS);
    }
  }, 600_000);
});
