import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, PiiAuditRecord, auditRecordOf, auditScopeText } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CareRecord, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { residentWithOwnFlat } from './fixtures.js';

/*
 * A caller may send any x-request-id, the same one twice included: each request's audit entry must be its own. Before,
 * which trail rows were "one request" was decided by the request id, so a care list sent again under the id of an
 * earlier list whose page named a person was not in that person's trail (the earlier row "already" named them).
 */
const A = '350203008006';
const T0 = new Date('2026-12-01T02:00:00Z');
const LIST = `query CareList($first: Int) {
  residents(first: $first, filter: { careCategory: MINIMUM_LIVING_ALLOWANCE }) { totalCount edges { node { id } } }
}`;
const TRAIL = `query($filter: PiiAuditTrailFilter) { piiAuditTrail(first: 50, filter: $filter) {
  totalCount edges { node { subjectId fields callerId requestId predicate predicateCount } }
} }`;
const reuser: Caller = {
  role: 'district_admin',
  community: '350203',
  subject: 'reuser',
  headers: { 'x-request-id': 'same-id-1' },
};
const auditor: Caller = { role: 'district_admin', community: '350203', subject: 'auditor' };

describe.each(testDialects())('two requests under one x-request-id are two audit entries on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock, registeredCommunities: [A] });
    await residentWithOwnFlat(service.orm.em.fork(), 'a1', A, 1);
    const em = service.orm.em.fork();
    em.create(CareRecord, {
      id: 'care-a1',
      communityId: A,
      resident: em.getReference(Resident, 'a1'),
      category: 'MINIMUM_LIVING_ALLOWANCE',
      startedOn: '2026-10-01',
      source: '民政局审批',
    });
    await em.flush();
  });
  afterAll(() => service?.stop());

  it('a later care list under an earlier request’s id is in the person’s trail, with its own record', async () => {
    clock.advance(60_000);
    // the first: its page shows a1 (a row of community A naming a1) and its predicate (the district's row)
    const first = await service.graphql(LIST, { first: 1 }, reuser);
    expect(first.errors).toBeUndefined();
    expect(first.data.residents.edges).toEqual([{ node: { id: 'a1' } }]);
    clock.advance(60_000);
    // the second, under the same request id: no page, only the predicate, which counted a1 again
    const second = await service.graphql(LIST, { first: 0 }, reuser);
    expect(second.data.residents.totalCount).toBe(1);

    const records = await service.orm.em
      .fork()
      .find(PiiAuditRecord, { callerId: 'reuser' }, { orderBy: { readAt: 'asc' } });
    expect(records.map((r) => [r.requestId, r.predicateCategory, r.subjectCount])).toEqual(
      expect.arrayContaining([
        ['same-id-1', 'MINIMUM_LIVING_ALLOWANCE', 1],
        ['same-id-1', null, 1],
      ]),
    );
    expect(records.filter((r) => r.predicateCategory !== null)).toHaveLength(2);
    // the two requests' rows are told apart by the server's key, not by the id the caller sent
    const keys = new Set(records.map((r) => r.requestKey));
    expect(keys.size).toBe(2);
    expect(keys.has(null)).toBe(false);

    const byPerson = await service.graphql(TRAIL, { filter: { residentId: 'a1', callerId: 'reuser' } }, auditor);
    expect(byPerson.errors).toBeUndefined();
    // one entry per request: the first (its page named a1) and the second (its predicate counted a1)
    expect(byPerson.data.piiAuditTrail.totalCount).toBe(2);
    expect(byPerson.data.piiAuditTrail.edges.map((e: { node: { subjectId: string } }) => e.node.subjectId)).toEqual([
      'a1',
      'a1',
    ]);
    const byCaller = await service.graphql(TRAIL, { filter: { callerId: 'reuser' } }, auditor);
    const predicates = byCaller.data.piiAuditTrail.edges.filter(
      (e: { node: { predicate: string | null } }) => e.node.predicate,
    );
    expect(predicates).toHaveLength(2);
  });

  it('rows of before the key keep their old rule among themselves, and no later row can hide them', async () => {
    clock.advance(60_000);
    const row = (requestKey: string | null, predicate: boolean, callerId: string) => {
      const record = auditRecordOf({
        id: `${callerId}-${predicate ? 'p' : 's'}`,
        communityId: predicate ? '350203' : A,
        callerCommunityId: '350203',
        service: 'residents',
        operation: 'CareList',
        requestId: `old-${callerId}`,
        requestKey: '',
        caller: { kind: 'user', id: callerId, roles: ['district_admin'], department: null },
        reads: predicate ? [] : [{ subjectType: 'Resident', subjectId: 'a1', fields: ['careCategories'] }],
        readAt: clock.now(),
      });
      record.requestKey = requestKey;
      if (predicate) {
        record.predicateCategory = 'MINIMUM_LIVING_ALLOWANCE';
        record.predicateScope = auditScopeText({ kind: 'prefix', prefix: '350203' });
        record.predicateFrom = clock.now();
        record.predicateCount = 1;
        record.subjectCount += 1;
      }
      return record;
    };
    const em = service.orm.em.fork();
    // an old request: its page named a1 and its predicate counted a1 (one entry, as before)
    em.persist([row(null, false, 'old-one'), row(null, true, 'old-one')]);
    // an old predicate, and a later row under its request id naming a1: the old entry stays
    em.persist([row(null, true, 'old-two'), row('019b0000-0000-7000-8000-00000000000a', false, 'old-two')]);
    await em.flush();
    const entriesOf = async (callerId: string) =>
      (await service.graphql(TRAIL, { filter: { residentId: 'a1', callerId } }, auditor)).data.piiAuditTrail.totalCount;
    expect(await entriesOf('old-one')).toBe(1);
    expect(await entriesOf('old-two')).toBe(2);
  });
});
