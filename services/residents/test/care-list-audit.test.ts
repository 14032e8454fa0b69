import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, composeResidentIdNumber } from '@shequ/contracts';
import { ManualClock, PiiAuditRecord } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { CareRecord, Household, Resident } from '../src/entities/index.js';
import { residentsService } from '../src/service.js';
import { residentWithOwnFlat } from './fixtures.js';
import { careOpenRollup } from '../src/application/care-open-rollup.js';
import { rebuildRollup } from '@shequ/database';
import { OutboxMessage } from '@shequ/messaging';

/*
 * A list filtered by a stored care category over the caller's communities is audited as ONE record holding the
 * predicate (category, communities, read window) instead of every match; `piiAuditTrail` by person resolves it
 * against the care records' history (opened_at / closed_at): exactly the persons the answer counted.
 */
const A = '350203008006';
const B = '350203010001';
const C = '350206001001'; // another district
const BIG = '350203010002'; // the regression's 10,000 matches
const T0 = new Date('2026-12-01T02:00:00Z');
const districtAdmin = (subject: string): Caller => ({ role: 'district_admin', community: '350203', subject });
const LIST = `query CareList($first: Int) {
  residents(first: $first, filter: { careCategory: MINIMUM_LIVING_ALLOWANCE }) { totalCount edges { node { id } } }
}`;
const TRAIL = `query($filter: PiiAuditTrailFilter) { piiAuditTrail(first: 50, filter: $filter) {
  totalCount edges { node { subjectId fields operation callerId predicate predicateCount } }
} }`;

describe.each(testDialects())('care-category lists audited as a predicate on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(T0);
  const tick = () => clock.advance(60_000);

  const residentOf = (id: string, communityId: string, n: number) =>
    residentWithOwnFlat(service.orm.em.fork(), id, communityId, n);

  async function addCare(residentId: string, community: string): Promise<string> {
    const result = await service.graphql(
      `mutation($input: AddCareCategoryInput!) { addCareCategory(input: $input) { careRecord { id } } }`,
      {
        input: { residentId, category: 'MINIMUM_LIVING_ALLOWANCE', startedOn: '2026-11-01', source: '民政局审批' },
      },
      { role: 'community_admin', community },
    );
    expect(result.errors).toBeUndefined();
    return result.data.addCareCategory.careRecord.id;
  }

  const trailOf = async (filter: Record<string, unknown>) => {
    const result = await service.graphql(TRAIL, { filter }, districtAdmin('auditor'));
    expect(result.errors).toBeUndefined();
    return result.data.piiAuditTrail as {
      totalCount: number;
      edges: Array<{ node: { subjectId: string; fields: string[]; callerId: string; predicate: string | null } }>;
    };
  };
  const recordsOf = (callerId: string) => service.orm.em.fork().find(PiiAuditRecord, { callerId });

  beforeAll(async () => {
    service = await startTestSubgraph(residentsService, { dialect, clock, registeredCommunities: [A, B, C, BIG] });
    await residentOf('a1', A, 1);
    await residentOf('a2', A, 2);
    await residentOf('b1', B, 3);
    await residentOf('c1', C, 4);
  });
  afterAll(() => service?.stop());

  it('the trail shows exactly who each list counted: not before their record opened, after it closed, elsewhere', async () => {
    // a1: a record from before the instants existed (dates only: opened at the start of its day)
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
    tick();
    await addCare('b1', B);
    await addCare('c1', C);
    tick();

    const first = await service.graphql(LIST, { first: 1 }, districtAdmin('list-1'));
    expect(first.errors).toBeUndefined();
    expect(first.data.residents.totalCount).toBe(2); // a1 and b1, not c1 of another district
    tick();
    const a2Record = await addCare('a2', A);
    const ended = await service.graphql(
      `mutation($input: EndCareCategoryInput!) { endCareCategory(input: $input) { careRecord { id endedOn } } }`,
      { input: { careRecordId: 'care-a1', endedOn: '2026-12-01', reason: '收入超标' } },
      { role: 'community_admin', community: A },
    );
    expect(ended.errors).toBeUndefined();
    tick();
    const second = await service.graphql(LIST, { first: 0 }, districtAdmin('list-2'));
    expect(second.data.residents.totalCount).toBe(2); // b1 and a2
    tick();
    const community = await service.graphql(
      LIST,
      { first: 0 },
      { role: 'community_admin', community: A, subject: 'list-3' },
    );
    expect(community.data.residents.totalCount).toBe(1); // a2

    // exactly one small row holding the predicate per request, whatever it matched (in the caller's community), and
    // one for the community of the persons on its page (list-1's page: a1 of A)
    for (const [caller, count, pages] of [
      ['list-1', 2, [A]],
      ['list-2', 2, []],
      ['list-3', 1, []],
    ] as const) {
      const records = await recordsOf(caller);
      const predicates = records.filter((r) => r.predicateCategory !== null);
      expect(predicates).toHaveLength(1);
      expect(predicates[0].predicateCategory).toBe('MINIMUM_LIVING_ALLOWANCE');
      expect(predicates[0].predicateCount).toBe(count);
      expect(records.filter((r) => r.predicateCategory === null).map((r) => r.communityId)).toEqual(pages);
    }
    const predicateOf = async (caller: string) => (await recordsOf(caller)).find((r) => r.predicateCategory !== null)!;
    expect((await predicateOf('list-1')).predicateScope).toBe(' 350203* ');
    expect((await predicateOf('list-1')).communityId).toBe('350203');
    expect((await predicateOf('list-3')).predicateScope).toBe(` ${A} `);

    // the lists' reads (adding a care category also records its start's check against the birth date: care-start)
    const callersOf = async (residentId: string) =>
      (await trailOf({ residentId })).edges
        .filter((e) => e.node.callerId.startsWith('list-'))
        .map((e) => [e.node.callerId, e.node.fields.join()])
        .sort();
    // a1 was counted by list-1 (on its page, one entry), its record closed before list-2 and list-3
    expect(await callersOf('a1')).toEqual([['list-1', 'careCategories']]);
    // a2's record opened after list-1
    expect(await callersOf('a2')).toEqual([
      ['list-2', 'careCategories'],
      ['list-3', 'careCategories'],
    ]);
    // b1 in both district-wide lists, not in community A's
    expect(await callersOf('b1')).toEqual([
      ['list-1', 'careCategories'],
      ['list-2', 'careCategories'],
    ]);
    // the two lists, and adding b1's care category (its start checked against the birth date)
    expect((await trailOf({ residentId: 'b1' })).totalCount).toBe(3);
    // c1 is in another district: no list counted them
    expect(await callersOf('c1')).toEqual([]);
    expect(a2Record).toBeTruthy();

    // each community's admin: the district's lists that counted its person too, never another community's person
    const adminCallersOf = async (residentId: string, community: string) => {
      const result = await service.graphql(
        TRAIL,
        { filter: { residentId } },
        { role: 'community_admin', community, subject: `auditor-${community}` },
      );
      expect(result.errors).toBeUndefined();
      return result.data.piiAuditTrail.edges
        .map((e: { node: { callerId: string } }) => e.node.callerId)
        .filter((callerId: string) => callerId.startsWith('list-'))
        .sort();
    };
    expect(await adminCallersOf('a1', A)).toEqual(['list-1']);
    expect(await adminCallersOf('a2', A)).toEqual(['list-2', 'list-3']);
    expect(await adminCallersOf('b1', B)).toEqual(['list-1', 'list-2']);
    expect(await adminCallersOf('b1', A)).toEqual([]);
    expect(await adminCallersOf('a2', B)).toEqual([]);

    // by caller: the page's resident, and the predicate with the number it matched
    const byCaller = await service.graphql(TRAIL, { filter: { callerId: 'list-1' } }, districtAdmin('auditor'));
    expect(byCaller.data.piiAuditTrail.totalCount).toBe(2);
    const nodes = byCaller.data.piiAuditTrail.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toContainEqual(expect.objectContaining({ subjectId: 'a1', predicate: null, predicateCount: null }));
    expect(nodes).toContainEqual(
      expect.objectContaining({ predicate: expect.stringContaining('低保'), predicateCount: 2, operation: 'CareList' }),
    );
  });

  it('a grid worker’s care list still enumerates its matches', async () => {
    const result = await service.graphql(
      `query { residents(first: 0, filter: { careCategory: MINIMUM_LIVING_ALLOWANCE }) { totalCount } }`,
      {},
      { role: 'grid_worker', community: B, grids: [`${B}-03`], subject: 'grid-list' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.residents.totalCount).toBe(1);
    const [record] = await recordsOf('grid-list');
    expect(record.predicateCategory).toBeNull();
    expect(record.subjectCount).toBe(1);
    expect(await trailOf({ residentId: 'b1', callerId: 'grid-list' })).toMatchObject({ totalCount: 1 });
  });

  it('the district-wide care page writes a record that does not grow with its matches (10,000)', async () => {
    await residentOf('big-0', BIG, 5);
    const em = service.orm.em.fork();
    const household = em.getReference(Household, 'h-big-0');
    const residents = Array.from({ length: 10_000 }, (_, i) => ({
      id: `big-${String(i + 1).padStart(5, '0')}`,
      communityId: BIG,
      name: '王芳',
      idNumber: composeResidentIdNumber('350203', addDays('1970-01-01', Math.floor(i / 999)), (i % 999) + 1),
      birthDate: addDays('1970-01-01', Math.floor(i / 999)),
      household,
      createdAt: T0,
      updatedAt: T0,
    }));
    for (let i = 0; i < residents.length; i += 500) await em.insertMany(Resident, residents.slice(i, i + 500));
    const records = residents.map((r) => ({
      id: `care-${r.id}`,
      communityId: BIG,
      resident: r.id,
      category: 'MINIMUM_LIVING_ALLOWANCE' as const,
      startedOn: '2026-01-01',
      source: '民政局审批',
      openedAt: new Date('2025-12-31T16:00:00Z'),
    }));
    for (let i = 0; i < records.length; i += 500) await em.insertMany(CareRecord, records.slice(i, i + 500));
    await rebuildRollup(em, careOpenRollup); // multi-row inserts bypass the unit of work (as the generator does)
    tick();
    const page = await service.graphql(LIST, { first: 50 }, districtAdmin('big-page'));
    expect(page.errors).toBeUndefined();
    expect(page.data.residents.totalCount).toBe(10_002); // b1, a2 and the 10,000
    const written = await recordsOf('big-page');
    const predicate = written.find((r) => r.predicateCategory !== null)!;
    expect(predicate.predicateCount).toBe(10_002);
    expect(predicate.subjectCount).toBe(1); // the predicate, in the district admin's row
    // the page's 50 (by id: a2, b1, then 48 of BIG) in one row per community of theirs
    const pages = written.filter((r) => r.predicateCategory === null);
    expect(pages.map((r) => [r.communityId, r.subjectCount]).sort()).toEqual([
      [A, 1],
      [B, 1],
      [BIG, 48],
    ]);
    expect(pages.find((r) => r.communityId === BIG)!.subjects.length).toBeLessThan(2_000);
    const trail = await trailOf({ residentId: 'big-09999', callerId: 'big-page' });
    expect(trail.edges.map((e) => e.node.subjectId)).toEqual(['big-09999']);
  });
  it('stamps an ending closed after its commit: a read that began before the commit is counted', async () => {
    await residentOf('a3', A, 6);
    const id = await addCare('a3', A);
    // the system's clock for this request: the outbox row is stamped with it inside the ending's transaction
    const ticking = clock as unknown as { now?: () => Date };
    ticking.now = () => new Date();
    try {
      const ended = await service.graphql(
        `mutation($input: EndCareCategoryInput!) { endCareCategory(input: $input) { careRecord { id } } }`,
        { input: { careRecordId: id, endedOn: '2026-12-01', reason: '收入超标' } },
        { role: 'community_admin', community: A },
      );
      expect(ended.errors).toBeUndefined();
    } finally {
      delete ticking.now;
    }
    const em = service.orm.em.fork();
    const record = await em.findOneOrFail(CareRecord, id);
    const [message] = await em.find(
      OutboxMessage,
      { subject: { $like: '%care_category.ended%' } },
      { orderBy: { createdAt: 'desc' }, limit: 1 },
    );
    expect(record.closedAt!.getTime()).toBeGreaterThanOrEqual(message.createdAt.getTime());
  });
});
