import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, PiiAuditRecord } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { casesService } from '../../services/cases/src/service.js';
import { ProactiveTask } from '../../services/cases/src/entities/proactive-task.js';
import { residentsService } from '../../services/residents/src/service.js';
// residents' registry of communities in tests (its vitest setup file): startTestSubgraph's communities onboarded
import '../../services/residents/test/test-communities.js';
import { residentWithOwnFlat } from '../../services/residents/test/fixtures.js';

/*
 * Regression (security review 2026-12-06): the trail row of a request carried the CALLER's community claim, so a
 * street admin's (or a department role's granted several communities) unmasked reads of 莲秀's residents went to the
 * street's (or the department's own community's) trail, never to 莲秀's: 莲秀's community admin could not answer
 * who read their residents' ID numbers, and another community's admin saw 莲秀's resident ids instead. Now a read is
 * recorded in the trail of the community of the person read, in residents and in cases (its `audit.pii_read`
 * events, one per community read).
 */
const LIANXIU = '350203008006';
const OTHER = '350203008007';
const STREET = '350203008';
const T1 = new Date('2026-12-06T01:00:00Z');
const T2 = new Date('2026-12-06T02:00:00Z');

const streetAdmin = (subject: string): Caller => ({ role: 'street_admin', community: STREET, subject });
const communityAdmin = (community: string, subject: string): Caller => ({
  role: 'community_admin',
  community,
  subject,
});
// 民政 of the other community, granted 莲秀 as well (JWT claim `communities`)
const department: Caller = {
  role: 'civil_affairs',
  community: OTHER,
  communities: [LIANXIU],
  department: '民政',
  subject: 'dept-1',
};

const TRAIL = `query($filter: PiiAuditTrailFilter) { piiAuditTrail(first: 100, filter: $filter) {
  totalCount edges { node { service subjectId fields callerId communityId callerCommunityId } }
} }`;
const TASKS = `query($filter: ProactiveTaskFilter) { proactiveTasks(filter: $filter) { totalCount edges { node { id } } } }`;

interface Entry {
  service: string;
  subjectId: string;
  fields: string[];
  callerId: string;
  communityId: string;
  callerCommunityId: string | null;
}

describe.each(testDialects())('piiAuditTrail by the community of the person read on %s', (dialect) => {
  let nats: NatsServerHandle;
  let residents: TestSubgraph;
  let cases: TestSubgraph;
  const clock = new ManualClock(T1);

  const residentOf = (id: string, communityId: string, n: number) =>
    residentWithOwnFlat(residents.orm.em.fork(), id, communityId, n, { phone: `1380000000${n}` });

  const trail = async (caller: Caller, filter: Record<string, unknown>): Promise<Entry[]> => {
    const result = await residents.graphql(TRAIL, { filter }, caller);
    expect(result.errors).toBeUndefined();
    expect(result.data.piiAuditTrail.totalCount).toBe(result.data.piiAuditTrail.edges.length);
    return result.data.piiAuditTrail.edges.map((e: { node: Entry }) => e.node);
  };
  const pairs = (entries: Entry[]) => entries.map((e) => `${e.service}:${e.subjectId}`).sort();

  beforeAll(async () => {
    nats = await startNatsServer();
    residents = await startTestSubgraph(residentsService, {
      dialect,
      natsUrl: nats.url,
      clock,
      registeredCommunities: [LIANXIU, OTHER],
    });
    cases = await startTestSubgraph(casesService, {
      dialect,
      natsUrl: nats.url,
      clock,
      registeredCommunities: [LIANXIU, OTHER],
    });
    await residentOf('res-6a', LIANXIU, 1);
    await residentOf('res-6b', LIANXIU, 2);
    await residentOf('res-7', OTHER, 3);
    const em = cases.orm.em.fork();
    for (const [residentId, communityId] of [
      ['res-6a', LIANXIU],
      ['res-7', OTHER],
    ])
      em.create(ProactiveTask, {
        id: `task-${residentId}`,
        communityId,
        residentId,
        rule: 'CARE_REVIEW_DUE',
        dedupKey: `CARE_REVIEW_DUE:${residentId}`,
        reason: '低保（城乡居民最低生活保障）复核到期',
        dueOn: '2026-12-20',
        gridId: null,
        createdAt: T1,
      });
    await em.flush();

    // T1: a street admin reads one 莲秀 resident, then a list spanning both communities, in residents and in cases
    const one = await residents.graphql(`{ resident(id: "res-6a") { idNumber phone } }`, {}, streetAdmin('street-1'));
    expect(one.errors).toBeUndefined();
    expect(one.data.resident.idNumber).toMatch(/^\d{17}[\dX]$/);
    const list = await residents.graphql(
      `{ residents(first: 10) { edges { node { id idNumber } } } }`,
      {},
      streetAdmin('street-1'),
    );
    expect(list.errors).toBeUndefined();
    expect(list.data.residents.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([
      'res-6a',
      'res-6b',
      'res-7',
    ]);
    const tasks = await cases.graphql(TASKS, {}, streetAdmin('street-1'));
    expect(tasks.errors).toBeUndefined();
    expect(tasks.data.proactiveTasks.totalCount).toBe(2);
    // the department role of the other community, granted 莲秀: a 莲秀 resident in residents and in cases
    const byDepartment = await residents.graphql(`{ resident(id: "res-6b") { idNumber } }`, {}, department);
    expect(byDepartment.errors).toBeUndefined();
    expect(byDepartment.data.resident.idNumber).toMatch(/^\d{17}[\dX]$/);
    const departmentTasks = await cases.graphql(TASKS, { filter: { residentId: 'res-6a' } }, department);
    expect(departmentTasks.errors).toBeUndefined();
    expect(departmentTasks.data.proactiveTasks.totalCount).toBe(1);

    // T2: 莲秀's own admin reads a phone
    clock.set(T2);
    const own = await residents.graphql(
      `{ resident(id: "res-6b") { phone } }`,
      {},
      communityAdmin(LIANXIU, 'lianxiu-1'),
    );
    expect(own.errors).toBeUndefined();

    // cases' reads (three persons) arrive as its audit.pii_read events
    await waitFor(
      async () => {
        const rows = await residents.orm.em.fork().find(PiiAuditRecord, { service: 'cases' });
        return rows.reduce((sum, row) => sum + row.subjectCount, 0) === 3 ? true : undefined;
      },
      { what: 'cases’ audit events in the trail' },
    );
  });
  afterAll(async () => {
    await cases?.stop();
    await residents?.stop();
    await nats?.dispose();
  });

  it('莲秀’s admin sees the street admin’s and the department’s reads of 莲秀 residents: by resident, caller, period', async () => {
    const admin = communityAdmin(LIANXIU, 'lianxiu-auditor');
    const byResident = await trail(admin, { residentId: 'res-6a' });
    expect(byResident.map((e) => `${e.service}:${e.callerId}:${e.fields.join()}`).sort()).toEqual([
      'cases:dept-1:careCategories',
      'cases:street-1:careCategories',
      'residents:street-1:idNumber',
      'residents:street-1:idNumber,phone',
    ]);
    expect(byResident.every((e) => e.communityId === LIANXIU)).toBe(true);
    expect(byResident.filter((e) => e.callerId === 'street-1').every((e) => e.callerCommunityId === STREET)).toBe(true);
    expect(byResident.filter((e) => e.callerId === 'dept-1').map((e) => e.callerCommunityId)).toEqual([OTHER]);

    // by caller: the street admin's reads of 莲秀's persons only (never res-7 of the other community)
    expect(pairs(await trail(admin, { callerId: 'street-1' }))).toEqual([
      'cases:res-6a',
      'residents:res-6a',
      'residents:res-6a',
      'residents:res-6b',
    ]);
    expect(pairs(await trail(admin, { callerId: 'dept-1' }))).toEqual(['cases:res-6a', 'residents:res-6b']);

    // by period: T1's reads of 莲秀's residents by both callers, then T2's own
    const t1 = await trail(admin, { from: T1.toISOString(), to: T2.toISOString() });
    expect(pairs(t1)).toEqual([
      'cases:res-6a',
      'cases:res-6a',
      'residents:res-6a',
      'residents:res-6a',
      'residents:res-6b',
      'residents:res-6b',
    ]);
    expect(t1.some((e) => e.subjectId === 'res-7')).toBe(false);
    const t2 = await trail(admin, { from: T2.toISOString() });
    expect(t2.map((e) => [e.callerId, e.subjectId, e.fields.join()])).toEqual([['lianxiu-1', 'res-6b', 'phone']]);
  });

  it('another community’s admin sees none of them: only its own resident of the street admin’s list', async () => {
    const admin = communityAdmin(OTHER, 'other-auditor');
    expect(await trail(admin, { residentId: 'res-6a' })).toEqual([]);
    expect(await trail(admin, { residentId: 'res-6b' })).toEqual([]);
    // the spanning list and the tasks: in this community's trail with this community's person only
    const byStreet = await trail(admin, { callerId: 'street-1' });
    expect(pairs(byStreet)).toEqual(['cases:res-7', 'residents:res-7']);
    expect(byStreet.every((e) => e.communityId === OTHER)).toBe(true);
    // its own department's reads were all of 莲秀's residents: not this community's to see
    expect(await trail(admin, { callerId: 'dept-1' })).toEqual([]);
    expect(pairs(await trail(admin, {}))).toEqual(['cases:res-7', 'residents:res-7']);
  });

  it('the street admin still sees all of them, each in its person’s community', async () => {
    const admin = streetAdmin('street-auditor');
    const byStreet = await trail(admin, { callerId: 'street-1' });
    expect(pairs(byStreet)).toEqual([
      'cases:res-6a',
      'cases:res-7',
      'residents:res-6a',
      'residents:res-6a',
      'residents:res-6b',
      'residents:res-7',
    ]);
    expect(byStreet.map((e) => `${e.subjectId}@${e.communityId}`).sort()).toEqual([
      `res-6a@${LIANXIU}`,
      `res-6a@${LIANXIU}`,
      `res-6a@${LIANXIU}`,
      `res-6b@${LIANXIU}`,
      `res-7@${OTHER}`,
      `res-7@${OTHER}`,
    ]);
    expect(pairs(await trail(admin, { callerId: 'dept-1' }))).toEqual(['cases:res-6a', 'residents:res-6b']);
    expect((await trail(admin, { residentId: 'res-6a' })).length).toBe(4);
  });

  it('keeps a request compact: one row per service and community read, whatever the number of persons', async () => {
    const rows = await residents.orm.em.fork().find(PiiAuditRecord, { callerId: 'street-1' });
    expect(rows.map((r) => [r.service, r.communityId, r.subjectCount]).sort()).toEqual([
      ['cases', LIANXIU, 1],
      ['cases', OTHER, 1],
      ['residents', LIANXIU, 1],
      ['residents', LIANXIU, 2],
      ['residents', OTHER, 1],
    ]);
  });
});
