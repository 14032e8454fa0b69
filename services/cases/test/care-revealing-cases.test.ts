import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPositions } from '@shequ/messaging';
import { WebhookDelivery, WebhookSubscription } from '@shequ/subgraph';
import { InMemoryApiKeys, knownReferences, startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { Case, CaseTimelineEntry, Mediation, MediationParty, Open311Request, Visit } from '../src/entities/index.js';
import { casesService } from '../src/service.js';
import { auditedReadsOf } from './audited-reads.js';

// A case of 救助申请 (ASSISTANCE_APPLICATION) tells that its reporter applied for assistance: their care situation
// (关爱/救助), which 综治, 党建 and a key without care:read may not see. Before, every caller with cases:read was
// given its reporter, its words, its timeline notes, its mediations' parties, the cases a named resident applied for
// (Resident.cases), the visit linking a household to it, its Open311 report's address and, by webhook, the reporter
// of case.opened and the reason of case.escalated. Now what connects a person to such a case is null (or not
// listed) without care:read, and audited for the reporter with it; cases of other categories are given as before.
const COMMUNITY = '350203008006';
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id number } } }`;
const CASE = `query($id: ID!) { case(id: $id) {
  category reporter { id } description timeline { action note } mediations { id }
} }`;
const RESIDENT_CASES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Resident { id cases { category } } } }`;
const HOUSEHOLD_VISITS = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Household { visits { caseId notes followUps } } } }`;

describe.each(testDialects())('cases of care-revealing categories (救助申请) on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  const keys = new InMemoryApiKeys();
  let noCare: { authorization: string; keyId: string };
  let care: { authorization: string; keyId: string };
  const ids: Record<string, { id: string; number: string }> = {};

  const open = async (category: string, description: string) => {
    const result = await service.graphql(OPEN, {
      input: { reporterId: 'res-apply', category, channel: 'WALK_IN', description },
    });
    expect(result.errors).toBeUndefined();
    return result.data.openCase.case as { id: string; number: string };
  };
  const auditedFor = (callerId: string) => auditedReadsOf(service, callerId);

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, apiKeys: keys });
    noCare = keys.issue(['cases:read', 'residents:read']);
    care = keys.issue(['cases:read', 'residents:read', 'care:read']);
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'res-apply' }]);
    ids.assistance = await open('ASSISTANCE_APPLICATION', '张阿姨家人重病住院，申请临时救助');
    ids.sanitation = await open('SANITATION', '楼道垃圾堆积');
    const em = service.orm.em.fork();
    const at = new Date('2026-12-01T02:00:00Z');
    em.create(CaseTimelineEntry, {
      id: 'step-assistance',
      communityId: COMMUNITY,
      caseId: ids.assistance.id,
      action: 'VISIT',
      toStatus: 'RECEIVED',
      actorKind: 'user',
      actorId: 'staff-1',
      note: '走访：已联系张阿姨核实收入',
      at: new Date(Date.now() + 60_000),
    });
    for (const [name, record] of Object.entries(ids)) {
      em.create(Mediation, {
        id: `mediation-${name}`,
        communityId: COMMUNITY,
        caseId: record.id,
        mediatorStaffId: 'staff-1',
        startedAt: at,
      });
      em.create(MediationParty, { id: `party-${name}`, mediationId: `mediation-${name}`, residentId: 'res-apply' });
      em.create(Visit, {
        id: `visit-${name}`,
        communityId: COMMUNITY,
        staffId: 'staff-1',
        householdId: `hh-${name}`,
        caseId: record.id,
        visitedAt: at,
        notes: `走访：${name}`,
        followUps: '下周回访',
      });
      em.create(Open311Request, {
        id: `token-${name}`,
        communityId: COMMUNITY,
        caseId: record.id,
        clientId: 'hotline',
        addressString: '香秀里12号楼301',
        submittedAt: at,
      });
    }
    await em.flush();
  });
  afterAll(async () => {
    await service?.stop();
    await nats?.dispose();
  });

  it('the graph gives a 救助申请 no reporter, words, notes or mediations without care:read; with it, audited', async () => {
    const asKey = async (key: { authorization: string }, id: string) => {
      const result = await service.graphql(CASE, { id }, { authorization: key.authorization });
      expect(result.errors).toBeUndefined();
      return result.data.case;
    };
    expect(await asKey(noCare, ids.assistance.id)).toEqual({
      category: 'ASSISTANCE_APPLICATION',
      reporter: null,
      description: null,
      timeline: [
        { action: 'OPEN', note: null },
        { action: 'VISIT', note: null },
      ],
      mediations: [],
    });
    // a case of another category is given as it is, and nothing is audited for it
    expect(await asKey(noCare, ids.sanitation.id)).toMatchObject({
      reporter: { id: 'res-apply' },
      description: '楼道垃圾堆积',
      mediations: [{ id: 'mediation-sanitation' }],
    });
    const listed = await service.graphql(
      '{ cases(first: 10, filter: { category: ASSISTANCE_APPLICATION }) { edges { node { reporter { id } description } } } }',
      {},
      { authorization: noCare.authorization },
    );
    expect(listed.data.cases.edges).toEqual([{ node: { reporter: null, description: null } }]);
    expect(await auditedFor(noCare.keyId)).toEqual([]);

    expect(await asKey(care, ids.assistance.id)).toMatchObject({
      reporter: { id: 'res-apply' },
      description: '张阿姨家人重病住院，申请临时救助',
      timeline: [{ action: 'OPEN' }, { action: 'VISIT', note: '走访：已联系张阿姨核实收入' }],
      mediations: [{ id: 'mediation-assistance' }],
    });
    expect(await auditedFor(care.keyId)).toEqual([
      { subjectType: 'Resident', subjectId: 'res-apply', fields: ['careCategories'] },
    ]);
  });

  it('Resident.cases lists a 救助申请 only to callers that see care categories, audited', async () => {
    const casesOf = async (caller: Parameters<TestSubgraph['graphql']>[2]) => {
      const result = await service.graphql(
        RESIDENT_CASES,
        { reps: [{ __typename: 'Resident', id: 'res-apply' }] },
        caller,
      );
      expect(result.errors).toBeUndefined();
      return (result.data._entities[0].cases as { category: string }[]).map((c) => c.category).sort();
    };
    const before = (await auditedFor(care.keyId)).length;
    expect(await casesOf({ authorization: noCare.authorization })).toEqual(['SANITATION']);
    expect(await casesOf({ authorization: care.authorization })).toEqual(['ASSISTANCE_APPLICATION', 'SANITATION']);
    expect(await casesOf({ role: 'civil_affairs' })).toEqual(['ASSISTANCE_APPLICATION']);
    expect((await auditedFor(care.keyId)).length).toBe(before + 1);
    expect(await auditedFor(noCare.keyId)).toEqual([]);
  });

  it('a household’s visit about a 救助申请 does not link the household to it without care:read', async () => {
    const visitsOf = async (household: string, key: { authorization: string }) => {
      const result = await service.graphql(
        HOUSEHOLD_VISITS,
        { reps: [{ __typename: 'Household', id: household }] },
        { authorization: key.authorization },
      );
      expect(result.errors).toBeUndefined();
      return result.data._entities[0].visits;
    };
    expect(await visitsOf('hh-assistance', noCare)).toEqual([{ caseId: null, notes: null, followUps: null }]);
    expect(await visitsOf('hh-assistance', care)).toEqual([
      { caseId: ids.assistance.id, notes: '走访：assistance', followUps: '下周回访' },
    ]);
    expect(await visitsOf('hh-sanitation', noCare)).toEqual([
      { caseId: ids.sanitation.id, notes: '走访：sanitation', followUps: '下周回访' },
    ]);
  });

  it('Open311 gives no address or words of a 救助申请’s report (it cannot audit the read)', async () => {
    const base = `http://127.0.0.1:${service.http.port}/open311/v2`;
    const request = async (number: string, key: { authorization: string }) => {
      const answer = await fetch(`${base}/requests/${number}.json`, { headers: { authorization: key.authorization } });
      expect(answer.status).toBe(200);
      const [found] = (await answer.json()) as Array<{ address: string | null; description: string | null }>;
      return { address: found.address, description: found.description };
    };
    for (const key of [noCare, care])
      expect(await request(ids.assistance.number, key)).toEqual({ address: null, description: null });
    expect(await request(ids.sanitation.number, noCare)).toEqual({
      address: '香秀里12号楼301',
      description: '楼道垃圾堆积',
    });
  });

  it('a webhook names a 救助申请’s reporter (case.opened) and escalation reason only to a key with care:read', async () => {
    const em = service.orm.em.fork();
    for (const [name, scopes] of [
      ['no-care', ['cases:read']],
      ['care', ['cases:read', 'care:read']],
    ] as const)
      em.create(WebhookSubscription, {
        id: `sub-${name}`,
        communityId: COMMUNITY,
        apiKeyId: `key-${name}`,
        url: `http://127.0.0.1:9/${name}`,
        eventTypes: ['case.opened', 'case.escalated'],
        scopes: [...scopes],
        secret: 'whsec_test',
        status: 'ACTIVE',
        registeredAt: new Date(),
      });
    await em.flush();
    // the feed reads the events published after it started: wait for its position before opening the cases
    await waitFor(
      async () => ((await readPositions(service.orm.em.fork(), ['cases__webhooks__cases'])).size ? true : undefined),
      { what: 'the webhook feed of cases' },
    );
    const assistance = await open('ASSISTANCE_APPLICATION', '申请医疗救助');
    const sanitation = await open('SANITATION', '路灯不亮');
    // each escalated by its department (the step needs a case taken up: ASSIGNED)
    await service.orm.em.fork().nativeUpdate(Case, { id: [assistance.id, sanitation.id] }, { status: 'ASSIGNED' });
    for (const [record, role, department, reason] of [
      [assistance, 'civil_affairs', 'SOCIAL_SECURITY', '张阿姨医疗费用超出社区救助额度'],
      [sanitation, 'comprehensive_governance', 'COMPREHENSIVE_GOVERNANCE', '路灯归市政管理'],
    ] as const) {
      const escalated = await service.graphql(
        'mutation($id: ID!, $reason: String!) { escalateCase(input: { caseId: $id, level: STREET, reason: $reason }) { case { id } } }',
        { id: record.id, reason },
        { role, department },
      );
      expect(escalated.errors).toBeUndefined();
    }
    const bodies = await waitFor(
      async () => {
        const rows = await service.orm.em
          .fork()
          .find(WebhookDelivery, { subscriptionId: { $in: ['sub-no-care', 'sub-care'] } }, { populate: ['body'] });
        return rows.length >= 8 ? rows : undefined;
      },
      { what: 'four deliveries of case.opened and four of case.escalated', timeoutMs: 20_000 },
    );
    const payload = (subscription: string, type: string, number: string) =>
      bodies
        .filter((d) => d.subscriptionId === subscription && d.eventType === type)
        .map((d) => (JSON.parse(d.body) as { data: Record<string, unknown> }).data)
        .find((d) => d.number === number);
    const seen = (subscription: string, number: string) => {
      const data = payload(subscription, 'case.opened', number);
      return { category: data?.category, reporterId: data?.reporterId, residentIds: data?.residentIds };
    };
    const reason = (subscription: string, number: string) => payload(subscription, 'case.escalated', number)?.reason;
    expect(reason('sub-no-care', assistance.number)).toBeNull();
    expect(reason('sub-care', assistance.number)).toBe('张阿姨医疗费用超出社区救助额度');
    expect(reason('sub-no-care', sanitation.number)).toBe('路灯归市政管理');
    expect(seen('sub-no-care', assistance.number)).toEqual({
      category: 'ASSISTANCE_APPLICATION',
      reporterId: null,
      residentIds: null,
    });
    expect(seen('sub-care', assistance.number)).toEqual({
      category: 'ASSISTANCE_APPLICATION',
      reporterId: 'res-apply',
      residentIds: ['res-apply'],
    });
    expect(seen('sub-no-care', sanitation.number)).toEqual({
      category: 'SANITATION',
      reporterId: 'res-apply',
      residentIds: ['res-apply'],
    });
  });
});
