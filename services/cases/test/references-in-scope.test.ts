import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import { startTestSubgraph, type Caller, type TestSubgraph } from '@shequ/subgraph/testing';
import { testDialects } from '@shequ/testing';
import {
  Case,
  CaseTimelineEntry,
  GridProjection,
  ProactiveTask,
  ResidentProjection,
  Visit,
} from '../src/entities/index.js';
import { casesService } from '../src/service.js';

// A case's duplicate must be one the caller sees as well.
// A visit is a write about a household or resident (a contact noted, their proactive tasks closed) and, when linked to
// a case, a step on the case's timeline: a grid worker logs visits in its own grids only, and nobody links a visit to
// a case they do not see. Before, a grid worker of one grid logged visits to another grid's flats and wrote into a
// case of another department it could not read.
const COMMUNITY = '350203008006';
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`;
const VISIT = `mutation($input: LogVisitInput!) { logVisit(input: $input) { visit { id } } }`;
const gridWorkerOf2: Caller = {
  role: 'grid_worker',
  subject: 'staff-grid-2',
  department: 'GRID',
  grids: [`${COMMUNITY}-02`],
};
const socialSecurity: Caller = { role: 'civil_affairs', subject: 'staff-baozhang', department: 'SOCIAL_SECURITY' };

describe.each(testDialects())('what a visit or a duplicate may refer to on %s', (dialect) => {
  let service: TestSubgraph;
  const clock = new ManualClock(new Date('2026-06-30T02:00:00Z'));
  let disputeInGrid1: string;
  let disputeInGrid2: string;
  let assistance: string;

  beforeAll(async () => {
    service = await startTestSubgraph(casesService, {
      dialect,
      clock,
    });
    const em = service.orm.em.fork();
    const at = new Date('2026-06-01T00:00:00Z');
    const fact = (kind: ReferenceProjection['kind'], id: string, extra: Partial<ReferenceProjection> = {}) =>
      em.create(ReferenceProjection, { kind, id, communityId: COMMUNITY, sourceOccurredAt: at, ...extra });
    for (const n of [1, 2]) {
      em.create(GridProjection, {
        gridId: `g-${n}`,
        communityId: COMMUNITY,
        code: `${COMMUNITY}-0${n}`,
        name: `第${n}网格`,
      });
      fact('GRID', `g-${n}`, { gridId: `g-${n}` });
      fact('BUILDING', `b-${n}`, { parentId: `g-${n}`, gridId: `g-${n}` });
      fact('HOUSEHOLD', `hh-${n}`, { parentId: `b-${n}`, gridId: `g-${n}` });
      fact('RESIDENT', `res-${n}`, { parentId: `hh-${n}`, gridId: `g-${n}` });
      em.create(ResidentProjection, {
        residentId: `res-${n}`,
        communityId: COMMUNITY,
        householdId: `hh-${n}`,
        buildingId: `b-${n}`,
        gridId: `g-${n}`,
        updatedAt: at,
      });
    }
    fact('STAFF', 'staff-grid-2', { department: 'GRID', gridIds: 'g-2' });
    fact('STAFF', 'staff-baozhang', { department: 'SOCIAL_SECURITY' });
    await em.flush();
    const open = async (reporterId: string, category = 'NEIGHBOUR_DISPUTE') => {
      const opened = await service.graphql(OPEN, {
        input: { reporterId, category, channel: 'WALK_IN', description: '邻里噪音纠纷' },
      });
      expect(opened.errors).toBeUndefined();
      return opened.data.openCase.case.id as string;
    };
    disputeInGrid1 = await open('res-1');
    disputeInGrid2 = await open('res-2');
    assistance = await open('res-1', 'ASSISTANCE_APPLICATION'); // 保障站's
  });
  afterAll(() => service?.stop());

  const written = async () => ({
    visits: await service.orm.em.fork().count(Visit, {}),
    steps: await service.orm.em.fork().count(CaseTimelineEntry, {}),
  });
  const refused = async (caller: Caller, input: Record<string, unknown>, field: string) => {
    const before = await written();
    const result = await service.graphql(VISIT, { input: { notes: '入户走访，了解情况', ...input } }, caller);
    expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await written()).toEqual(before);
  };

  it('a grid worker visits its own grid’s flats and residents, not another grid’s', async () => {
    await refused(gridWorkerOf2, { householdId: 'hh-1' }, 'householdId');
    await refused(gridWorkerOf2, { residentId: 'res-1' }, 'residentId');
    const own = await service.graphql(
      VISIT,
      { input: { householdId: 'hh-2', notes: '入户走访，了解情况' } },
      gridWorkerOf2,
    );
    expect(own.errors).toBeUndefined();
  });

  it('a grid worker opens cases for residents of its own grids only: no contact noted, no task settled elsewhere', async () => {
    const em = service.orm.em.fork();
    const task = em.create(ProactiveTask, {
      id: 'task-res-1',
      communityId: COMMUNITY,
      residentId: 'res-1',
      rule: 'FLOATING_RESIDENT_VERIFY',
      dedupKey: 'FLOATING_RESIDENT_VERIFY:res-1',
      reason: '新登记流动人口待核实',
      dueOn: '2026-07-10',
      gridId: 'g-1',
      createdAt: new Date('2026-06-20T00:00:00Z'),
    });
    await em.flush();
    clock.advance(3_600_000); // a contact noted now would differ from the last one
    const cases = await service.orm.em.fork().count(Case, {});
    const contact = (await service.orm.em.fork().findOneOrFail(ResidentProjection, { residentId: 'res-1' }))
      .lastContactAt;
    const refusedOpen = await service.graphql(
      OPEN,
      {
        input: { reporterId: 'res-1', category: 'NEIGHBOUR_DISPUTE', channel: 'WALK_IN', description: '邻里噪音纠纷' },
      },
      gridWorkerOf2,
    );
    expect(refusedOpen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reporterId' });
    expect(refusedOpen.errors?.[0]?.message).toBe('居民「res-1」不存在或不在您负责的网格内');
    const after = service.orm.em.fork();
    expect(await after.count(Case, {})).toBe(cases);
    expect((await after.findOneOrFail(ResidentProjection, { residentId: 'res-1' })).lastContactAt).toEqual(contact);
    expect((await after.findOneOrFail(ProactiveTask, { id: task.id })).status).toBe('OPEN');
    const own = await service.graphql(
      OPEN,
      {
        input: { reporterId: 'res-2', category: 'NEIGHBOUR_DISPUTE', channel: 'GRID_PATROL', description: '楼道堆物' },
      },
      gridWorkerOf2,
    );
    expect(own.errors).toBeUndefined();
  });

  it('a visit links only a case the caller sees (its grid; its department)', async () => {
    await refused(gridWorkerOf2, { householdId: 'hh-2', caseId: disputeInGrid1 }, 'caseId');
    // 保障站 does not see 综治's dispute
    await refused(socialSecurity, { householdId: 'hh-1', caseId: disputeInGrid1 }, 'caseId');
    const linked = await service.graphql(
      VISIT,
      { input: { householdId: 'hh-2', caseId: disputeInGrid2, notes: '入户调解噪音纠纷' } },
      gridWorkerOf2,
    );
    expect(linked.errors).toBeUndefined();
  });

  it('a case is marked a duplicate only of a case the caller sees', async () => {
    const zongzhi: Caller = {
      role: 'comprehensive_governance',
      subject: 'staff-zongzhi',
      department: 'COMPREHENSIVE_GOVERNANCE',
    };
    const MARK = `mutation($input: MarkCaseDuplicateInput!) { markCaseDuplicate(input: $input) { case { status } } }`;
    const hidden = await service.graphql(
      MARK,
      { input: { caseId: disputeInGrid2, duplicateOfCaseId: assistance, reason: '同一诉求' } },
      zongzhi,
    );
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'duplicateOfCaseId' });
    expect(hidden.errors?.[0]?.message).toBe('所指的重复事项不存在');
    const seen = await service.graphql(
      MARK,
      { input: { caseId: disputeInGrid2, duplicateOfCaseId: disputeInGrid1, reason: '同一诉求' } },
      zongzhi,
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data.markCaseDuplicate.case.status).toBe('DUPLICATE');
  });

  it('shows a visit about a case only to callers who see the case (its notes are the case’s timeline step)', async () => {
    const VISITS = `{ _entities(representations: [{ __typename: "Household", id: "hh-2" }]) {
      ... on Household { visits { notes } } } }`;
    const notesSeenBy = async (caller: Caller) =>
      ((await service.graphql(VISITS, {}, caller)).data._entities[0].visits as { notes: string }[])
        .map((v) => v.notes)
        .sort();
    const zongzhi: Caller = { role: 'comprehensive_governance', department: 'COMPREHENSIVE_GOVERNANCE' };
    expect(await notesSeenBy(zongzhi)).toEqual(['入户走访，了解情况', '入户调解噪音纠纷'].sort());
    expect(await notesSeenBy(socialSecurity)).toEqual(['入户走访，了解情况']);
  });
});
