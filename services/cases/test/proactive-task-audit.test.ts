import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import { ProactiveTask } from '../src/entities/proactive-task.js';
import { casesService } from '../src/service.js';
import { auditedReadsOf } from './audited-reads.js';

// A proactive task whose rule exists only because of a care category (低保复核到期, 独居老人无联系) tells that category
// of its resident: the answer depends on the person's care category and is audited for them, as residents audits
// its care lists — each such task listed, and the resident a list is narrowed to (its count alone can tell). Before,
// such tasks were shown to 保障站 and admins with no audit entry; tasks of other rules (流动人口核实) are not audited.
const COMMUNITY = '350203008006';
const LIST = `query($filter: ProactiveTaskFilter, $first: Int) { proactiveTasks(filter: $filter, first: $first) {
  totalCount edges { node { id resident { id } } } } }`;

describe.each(testDialects())('proactive tasks of care-derived rules are audited on %s', (dialect) => {
  let service: TestSubgraph;

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, { dialect });
    const em = service.orm.em.fork();
    const task = (residentId: string, rule: string, reason: string) =>
      em.create(ProactiveTask, {
        id: `task-${residentId}`,
        communityId: COMMUNITY,
        residentId,
        rule,
        dedupKey: `${rule}:${residentId}`,
        reason,
        dueOn: '2026-07-10',
        gridId: null,
        createdAt: new Date('2026-06-20T00:00:00Z'),
      });
    task('res-dibao', 'CARE_REVIEW_DUE', '低保（城乡居民最低生活保障）复核到期');
    task('res-floating', 'FLOATING_RESIDENT_VERIFY', '新登记流动人口待核实');
    await em.flush();
  });
  afterAll(() => service?.stop());

  const auditedFor = (callerId: string) => auditedReadsOf(service, callerId);

  it('audits the resident of each care-derived task listed, not the others', async () => {
    const result = await service.graphql(LIST, {}, { role: 'civil_affairs', subject: 'staff-list' });
    expect(result.errors).toBeUndefined();
    expect(result.data.proactiveTasks.totalCount).toBe(2);
    expect(await auditedFor('staff-list')).toEqual([
      { subjectType: 'Resident', subjectId: 'res-dibao', fields: ['careCategories'] },
    ]);
  });

  it('audits the resident a list is narrowed to, when only the count is read', async () => {
    const result = await service.graphql(
      LIST,
      { filter: { residentId: 'res-dibao' }, first: 0 },
      { role: 'community_admin', subject: 'admin-count' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.proactiveTasks.totalCount).toBe(1);
    expect(await auditedFor('admin-count')).toEqual([
      { subjectType: 'Resident', subjectId: 'res-dibao', fields: ['careCategories'] },
    ]);
  });

  it('audits nothing for a role that does not see care-derived tasks', async () => {
    const result = await service.graphql(LIST, {}, { role: 'comprehensive_governance', subject: 'zz-list' });
    expect(result.errors).toBeUndefined();
    expect(result.data.proactiveTasks.totalCount).toBe(1);
    expect(await auditedFor('zz-list')).toEqual([]);
  });
});
