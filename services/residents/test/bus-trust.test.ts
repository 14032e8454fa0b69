import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyIssued, PiiRead, type EventDefinition, type EventEnvelope } from '@shequ/contracts';
import { generateApiKey } from '@shequ/auth';
import { NatsBus, envelopeFor } from '@shequ/messaging';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { residentsService } from '../src/service.js';

const TRAIL = `{ piiAuditTrail(first: 50) { totalCount edges { node { service subjectId callerId } } } }`;
const meta = { communityId: '350203008006', actor: { kind: 'system' as const, id: 'attacker' }, correlationId: 'x' };

/** A key an attacker makes up: its own id and secret, the hash of that secret, the widest scope. */
function forgedKey(): { authorization: string; event: EventEnvelope } {
  const { key, keyId, secretHash } = generateApiKey();
  const event = envelopeFor(
    ApiKeyIssued,
    {
      keyId,
      name: '伪造的平台',
      scopes: ['pii:read', 'residents:read'],
      secretHash,
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(), // valid: refused for being forged, not expired
    },
    meta,
  );
  return { authorization: `ApiKey ${key}`, event };
}

const piiRead = (subjectId: string, callerId: string) => ({
  operation: 'ResidentView',
  requestId: `req-${subjectId}`,
  caller: { kind: 'user' as const, id: callerId, roles: ['civil_affairs'], department: null },
  reads: [{ subjectType: 'Resident' as const, subjectId, fields: ['idNumber'] }],
  readAt: new Date().toISOString(),
});

describe.each(testDialects())('residents: forged events on an authenticated bus never take effect (%s)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const buses = new Map<string, NatsBus>();

  /** A bus connected as one of the generated users (each service, the platform user). */
  async function busOf(user: string): Promise<NatsBus> {
    let bus = buses.get(user);
    if (!bus) {
      bus = new NatsBus({ servers: nats.url, name: `${user}-in-test`, credentials: nats.credentials[user] });
      buses.set(user, bus);
    }
    await bus.firstConnection;
    return bus;
  }
  async function publishAs(user: string, subject: string, envelope: object, id: string): Promise<string> {
    return (await busOf(user)).publish(subject, JSON.stringify(envelope), id).then(
      () => 'stored',
      (error: Error) => error.message,
    );
  }
  const as = (authorization: string) => ({ authorization });

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      natsCredentials: nats.credentials.residents,
    });
  });
  afterAll(async () => {
    await Promise.all([...buses.values()].map((bus) => bus.close()));
    await service?.stop();
    await nats?.dispose();
  });

  it('refuses a forged api_key.issued from another service or the platform user; the key is never accepted', async () => {
    const viaCases = forgedKey();
    expect(await publishAs('cases', viaCases.event.subject, viaCases.event, viaCases.event.id)).toMatch(/permission/i);
    const viaPlatform = forgedKey();
    expect(await publishAs('platform', viaPlatform.event.subject, viaPlatform.event, viaPlatform.event.id)).toMatch(
      /permission/i,
    );
    // on its own subjects cases may publish, but no subgraph takes a key from there
    const ownSubject = forgedKey();
    const relabelled = { ...ownSubject.event, subject: 'shequ.cases.api_key.issued' };
    expect(await publishAs('cases', 'shequ.cases.api_key.issued', relabelled, ownSubject.event.id)).toBe('stored');

    // a genuine key issued afterwards arrives, so the projection has read past everything above
    const issued = await service.graphql(`mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { key } }`, {
      input: { name: '思明区社会治理平台', scopes: ['residents:read'], validDays: 30 },
    });
    const genuine = as(`ApiKey ${issued.data.issueApiKey.key}`);
    await waitFor(async () => (await service.graphql('{ residents(first: 1) { totalCount } }', {}, genuine)).data, {
      what: 'the genuine key to reach the projection',
    });
    for (const forged of [viaCases, viaPlatform, ownSubject]) {
      const refused = await service.graphql('{ residents(first: 1) { totalCount } }', {}, as(forged.authorization));
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps forged audit entries out of the trail: wrong user refused, wrong envelope source dropped and counted', async () => {
    const publish = (
      user: string,
      definition: EventDefinition,
      data: object,
      override: Partial<EventEnvelope> = {},
    ) => {
      const envelope = { ...envelopeFor(definition, data as never, meta), ...override };
      return publishAs(user, envelope.subject, envelope, envelope.id);
    };
    // partybuilding may not publish on cases' audit subject; the platform user publishes nothing
    expect(await publish('partybuilding', PiiRead.cases, piiRead('res-forged-1', 'forger'))).toMatch(/permission/i);
    expect(await publish('platform', PiiRead.cases, piiRead('res-forged-2', 'forger'))).toMatch(/permission/i);
    // on its own audit subject, partybuilding cannot pass an entry off as one of cases'
    expect(
      await publish('partybuilding', PiiRead.partybuilding, piiRead('res-forged-3', 'forger'), { source: 'cases' }),
    ).toBe('stored');
    // genuine entries, by the services themselves
    expect(await publish('cases', PiiRead.cases, piiRead('res-genuine-1', 'user-1'))).toBe('stored');
    expect(await publish('partybuilding', PiiRead.partybuilding, piiRead('res-genuine-2', 'user-2'))).toBe('stored');

    const trail = await waitFor(
      async () => {
        const result = await service.graphql(TRAIL);
        // count and page are two queries: wait until both see the two entries
        return result.data?.piiAuditTrail.totalCount === 2 && result.data.piiAuditTrail.edges.length === 2
          ? result
          : undefined;
      },
      { what: 'the genuine audit entries' },
    );
    expect(trail.data.piiAuditTrail.edges.map((e: { node: { subjectId: string } }) => e.node.subjectId).sort()).toEqual(
      ['res-genuine-1', 'res-genuine-2'],
    );
    const metrics = await (await fetch(`http://127.0.0.1:${service.http.port}/metrics`)).text();
    expect(metrics).toMatch(
      /shequ_events_rejected_total\{[^}]*consumer="residents__audit_trail__partybuilding"[^}]*reason="source"[^}]*\} 1/,
    );
    expect(metrics).not.toContain('res-forged');
  });
});
