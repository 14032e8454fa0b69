import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridRegistered, ResidentRegistered, type EventEnvelope } from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock } from '@shequ/subgraph';
import {
  knownReferences,
  InMemoryApiKeys,
  startTestSubgraph,
  TestEventPublisher,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { scanOverdueCases } from '../src/application/overdue-scan.js';
import { Case, CaseTimelineEntry, GridProjection, ResidentProjection } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const CASE_FIELDS =
  'id number status department assignee { id } assignedGrid { id } resolutionNote feedbackMethod feedbackAt closingReason duplicateOfId escalationLevel escalationAcknowledgedAt overdue timeline { action fromStatus toStatus actorKind actorId note }';
const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { ${CASE_FIELDS} } } }`;
const step = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { case { ${CASE_FIELDS} } } }`;
const ASSIGN = step('assignCase', 'AssignCaseInput');
const START = step('startCase', 'CaseNoteInput');
const RESOLVE = step('resolveCase', 'ResolveCaseInput');
const FEEDBACK = step('giveCaseFeedback', 'GiveCaseFeedbackInput');
const CLOSE = step('closeCase', 'CaseNoteInput');
const ESCALATE = step('escalateCase', 'EscalateCaseInput');
const ACKNOWLEDGE = step('acknowledgeEscalation', 'CaseNoteInput');
const RETURN = step('returnEscalation', 'CaseReasonInput');
const REJECT = step('rejectCase', 'CaseReasonInput');
const DUPLICATE = step('markCaseDuplicate', 'MarkCaseDuplicateInput');
const REOPEN = step('reopenCase', 'CaseReasonInput');

const GRID_CODE = '350203008006-01';
const gridWorker: Caller = { role: 'grid_worker', grids: [GRID_CODE], subject: 'staff-gw', department: 'GRID' };
const governance: Caller = {
  role: 'comprehensive_governance',
  subject: 'staff-zz',
  department: 'COMPREHENSIVE_GOVERNANCE',
};
const admin: Caller = { role: 'community_admin', subject: 'staff-admin' };

describe.each(testDialects())('case workflow on %s', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let residents: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
  const keys = new InMemoryApiKeys();
  let platform: Caller;

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock, apiKeys: keys });
    // Declared so writes never race the reference consumer (residents' events below announce them as well).
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'res-a' }]);
    residents = new TestEventPublisher(nats.url);
    platform = { authorization: keys.issue(['cases:read', 'cases:escalation']).authorization };
    await residents.publish(GridRegistered, {
      gridId: 'grid-1',
      code: GRID_CODE,
      name: '香秀里网格',
      gridWorkerStaffId: 'staff-gw',
    });
    await residents.publish(ResidentRegistered, {
      residentId: 'res-a',
      householdId: 'hh-a',
      buildingId: 'b-a',
      gridId: 'grid-1',
      gender: 'MALE',
      birthDate: '1960-01-01',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'res-a' }), {
      timeoutMs: 30_000,
      what: 'projection',
    });
  });
  afterAll(async () => {
    await residents?.close();
    await service?.stop();
    await nats?.dispose();
  });

  const events = async (caseId: string) =>
    (await service.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } }))
      .map((r) => JSON.parse(r.payload) as EventEnvelope<any>)
      .filter((e) => e.data.caseId === caseId);
  const ok = (result: any) => {
    expect(result.errors).toBeUndefined();
    return Object.values(result.data as object)[0].case;
  };
  const open = async (input: Record<string, unknown>, caller: Caller = admin) =>
    ok(await service.graphql(OPEN, { input }, caller));

  it('routes a new case to the reporter’s grid and its grid worker, and runs it to CLOSED with a timeline and an event per step', async () => {
    const opened = await open({
      reporterId: 'res-a',
      category: 'HOUSING_REPAIR',
      channel: 'HOTLINE',
      description: '卫生间顶棚渗水',
    });
    expect(opened).toMatchObject({
      status: 'ASSIGNED',
      department: 'COMPREHENSIVE_GOVERNANCE',
      assignee: { id: 'staff-gw' },
      assignedGrid: { id: 'grid-1' },
    });
    const id = opened.id;
    expect(ok(await service.graphql(START, { input: { caseId: id } }, gridWorker)).status).toBe('IN_PROGRESS');
    clock.advance(3_600_000);
    expect(
      ok(
        await service.graphql(RESOLVE, { input: { caseId: id, resolutionNote: '已联系楼上住户更换水管' } }, gridWorker),
      ),
    ).toMatchObject({
      status: 'RESOLVED',
      resolutionNote: '已联系楼上住户更换水管',
    });
    clock.advance(2 * 3_600_000);
    const early = await service.graphql(
      FEEDBACK,
      { input: { caseId: id, method: '电话', givenAt: '2026-03-02T01:30:00.000Z' } },
      gridWorker,
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'givenAt' });
    const future = await service.graphql(
      FEEDBACK,
      { input: { caseId: id, method: '电话', givenAt: '2026-03-03T03:00:00.000Z' } },
      gridWorker,
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'givenAt' });
    const feedback = ok(
      await service.graphql(
        FEEDBACK,
        { input: { caseId: id, method: '电话', givenAt: '2026-03-02T03:00:00.000Z' } },
        gridWorker,
      ),
    );
    expect(feedback).toMatchObject({
      status: 'FEEDBACK_GIVEN',
      feedbackMethod: '电话',
      feedbackAt: '2026-03-02T03:00:00.000Z',
    });
    const closed = ok(await service.graphql(CLOSE, { input: { caseId: id, note: '居民满意' } }, gridWorker));
    expect(closed.status).toBe('CLOSED');
    expect(closed.timeline.map((t: any) => [t.action, t.fromStatus, t.toStatus])).toEqual([
      ['OPEN', null, 'RECEIVED'],
      ['ASSIGN', 'RECEIVED', 'ASSIGNED'],
      ['START', 'ASSIGNED', 'IN_PROGRESS'],
      ['RESOLVE', 'IN_PROGRESS', 'RESOLVED'],
      ['GIVE_FEEDBACK', 'RESOLVED', 'FEEDBACK_GIVEN'],
      ['CLOSE', 'FEEDBACK_GIVEN', 'CLOSED'],
    ]);
    expect(closed.timeline.at(-1)).toMatchObject({ actorKind: 'user', actorId: 'staff-gw', note: '居民满意' });
    const published = await events(id);
    expect(published.map((e) => e.type)).toEqual([
      'case.opened',
      'case.assigned',
      'case.resolved',
      'case.feedback_given',
      'case.closed',
    ]);
    expect(published[2].data).toMatchObject({ onTime: true });
    expect(published[4].data).toMatchObject({ finalStatus: 'CLOSED' });
  });

  it('assigns a waiting case to the grid worker once the reporter’s registration arrives', async () => {
    // The reference projection already knows the resident; the routing projection has not seen resident.registered.
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'res-late' }]);
    const waiting = await open({
      reporterId: 'res-late',
      category: 'SANITATION',
      channel: 'ONLINE',
      description: '楼下垃圾无人清运',
    });
    expect(waiting).toMatchObject({ status: 'RECEIVED', assignee: null, assignedGrid: null });
    await residents.publish(ResidentRegistered, {
      residentId: 'res-late',
      householdId: 'hh-late',
      buildingId: 'b-a',
      gridId: 'grid-1',
      gender: 'FEMALE',
      birthDate: '1970-01-01',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    const routed = await waitFor(
      async () => {
        const record = await service.orm.em.fork().findOneOrFail(Case, waiting.id);
        return record.status === 'ASSIGNED' ? record : null;
      },
      { timeoutMs: 30_000, what: 'late assignment' },
    );
    expect(routed).toMatchObject({ gridId: 'grid-1', assigneeStaffId: 'staff-gw' });
    expect((await events(waiting.id)).map((e) => e.type)).toEqual(['case.opened', 'case.assigned']);
    const timeline = await service.orm.em
      .fork()
      .find(CaseTimelineEntry, { caseId: waiting.id }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(timeline.map((t) => [t.action, t.actorKind])).toEqual([
      ['OPEN', 'user'],
      ['ASSIGN', 'system'],
    ]);
  });

  it('places a waiting case in the reporter’s grid once the registration arrives, when that grid has no worker', async () => {
    // as above, the reporter known to the reference projection first; their grid has no grid worker
    await residents.publish(GridRegistered, {
      gridId: 'grid-empty',
      code: '350203008006-09',
      name: '无人网格',
      gridWorkerStaffId: null,
    });
    await waitFor(() => service.orm.em.fork().findOne(GridProjection, { gridId: 'grid-empty' }), {
      timeoutMs: 30_000,
      what: 'the grid without a worker',
    });
    await knownReferences(service, [{ kind: 'RESIDENT', id: 'res-late-2' }]);
    const waiting = await open({
      reporterId: 'res-late-2',
      category: 'SANITATION',
      channel: 'ONLINE',
      description: '路灯不亮',
    });
    expect(waiting).toMatchObject({ status: 'RECEIVED', assignee: null, assignedGrid: null });
    await residents.publish(ResidentRegistered, {
      residentId: 'res-late-2',
      householdId: 'hh-late-2',
      buildingId: 'b-empty',
      gridId: 'grid-empty',
      gender: 'MALE',
      birthDate: '1975-05-05',
      residenceType: 'REGISTERED',
      residencePermitExpiresOn: null,
    });
    const placed = await waitFor(
      async () => {
        const record = await service.orm.em.fork().findOneOrFail(Case, waiting.id);
        return record.gridId ? record : null;
      },
      { timeoutMs: 30_000, what: 'the waiting case placed in its grid' },
    );
    // placed as at intake: the grid, nobody assigned, still 待受理, no `case.assigned`
    expect(placed).toMatchObject({ gridId: 'grid-empty', assigneeStaffId: null, status: 'RECEIVED' });
    expect((await events(waiting.id)).map((e) => e.type)).toEqual(['case.opened']);
  });

  it('answers a step the current state does not allow with CONFLICT naming it, and writes nothing', async () => {
    const opened = await open({
      reporterId: 'res-a',
      category: 'SANITATION',
      channel: 'GRID_PATROL',
      description: '楼道堆放杂物',
    });
    const before = await service.orm.em.fork().count(CaseTimelineEntry, { caseId: opened.id });
    for (const [query, input] of [
      [CLOSE, { caseId: opened.id }],
      [RESOLVE, { caseId: opened.id, resolutionNote: '已清理' }],
      [FEEDBACK, { caseId: opened.id, method: '上门', givenAt: '2026-03-02T05:00:00Z' }],
      [REOPEN, { caseId: opened.id, reason: '再次堆放' }],
      [ACKNOWLEDGE, { caseId: opened.id }],
    ] as const) {
      const result = await service.graphql(query, { input }, query === ACKNOWLEDGE ? platform : gridWorker);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'ASSIGNED' });
      expect(result.errors?.[0]?.message).toContain('「分派」');
    }
    expect(await service.orm.em.fork().count(CaseTimelineEntry, { caseId: opened.id })).toBe(before);
  });

  it('lets only the assignee or the handling department move a case on', async () => {
    const opened = await open({
      reporterId: 'res-a',
      category: 'NEIGHBOUR_DISPUTE',
      channel: 'WALK_IN',
      description: '楼上装修噪音',
    });
    const asAdmin = await service.graphql(START, { input: { caseId: opened.id } }, admin);
    expect(asAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asOtherWorker = await service.graphql(
      START,
      { input: { caseId: opened.id } },
      { ...gridWorker, subject: 'staff-other' },
    );
    expect(asOtherWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asOtherDepartment = await service.graphql(
      START,
      { input: { caseId: opened.id } },
      { role: 'civil_affairs', subject: 'staff-ca', department: 'SOCIAL_SECURITY' },
    );
    expect(asOtherDepartment.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(ok(await service.graphql(START, { input: { caseId: opened.id } }, governance)).status).toBe('IN_PROGRESS');
    const reassigned = await service.graphql(
      ASSIGN,
      { input: { caseId: opened.id, assigneeStaffId: 'staff-zz' } },
      governance,
    );
    expect(reassigned.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'IN_PROGRESS' });
  });

  it('needs a resolution note, the feedback’s method and time, and reasons for rejecting, duplicates and reopening', async () => {
    const first = await open({
      reporterId: 'res-a',
      category: 'HOUSING_REPAIR',
      channel: 'ONLINE',
      description: '下水道堵塞',
    });
    const second = await open({
      reporterId: 'res-a',
      category: 'HOUSING_REPAIR',
      channel: 'HOTLINE',
      description: '下水道堵塞（再次来电）',
    });
    const third = await open({ category: 'OTHER', channel: 'ONLINE', description: '咨询小区停车收费' });
    expect(third).toMatchObject({ status: 'RECEIVED', assignee: null });

    const noReason = await service.graphql(REJECT, { input: { caseId: third.id, reason: ' ' } }, admin);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(
      ok(await service.graphql(REJECT, { input: { caseId: third.id, reason: '属物业收费，已告知向物业咨询' } }, admin)),
    ).toMatchObject({
      status: 'REJECTED',
      closingReason: '属物业收费，已告知向物业咨询',
    });

    const missingOther = await service.graphql(
      DUPLICATE,
      { input: { caseId: second.id, duplicateOfCaseId: 'no-such-case', reason: '同一问题' } },
      gridWorker,
    );
    expect(missingOther.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'duplicateOfCaseId' });
    const itself = await service.graphql(
      DUPLICATE,
      { input: { caseId: second.id, duplicateOfCaseId: second.id, reason: '同一问题' } },
      gridWorker,
    );
    expect(itself.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'duplicateOfCaseId' });
    expect(
      ok(
        await service.graphql(
          DUPLICATE,
          { input: { caseId: second.id, duplicateOfCaseId: first.id, reason: '同一堵塞问题' } },
          gridWorker,
        ),
      ),
    ).toMatchObject({
      status: 'DUPLICATE',
      duplicateOfId: first.id,
    });
    expect((await events(second.id)).map((e) => e.type).at(-1)).toBe('case.closed');

    ok(await service.graphql(START, { input: { caseId: first.id } }, gridWorker));
    const noNote = await service.graphql(RESOLVE, { input: { caseId: first.id, resolutionNote: '' } }, gridWorker);
    expect(noNote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolutionNote' });
    ok(await service.graphql(RESOLVE, { input: { caseId: first.id, resolutionNote: '已疏通' } }, gridWorker));
    const noMethod = await service.graphql(
      FEEDBACK,
      { input: { caseId: first.id, method: '', givenAt: '2026-03-02T05:00:00Z' } },
      gridWorker,
    );
    expect(noMethod.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'method' });
    const notYet = await service.graphql(CLOSE, { input: { caseId: first.id } }, gridWorker);
    expect(notYet.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'RESOLVED' });

    const reopened = ok(
      await service.graphql(REOPEN, { input: { caseId: first.id, reason: '居民反映又堵了' } }, gridWorker),
    );
    expect(reopened).toMatchObject({ status: 'REOPENED', resolutionNote: null });
    expect(ok(await service.graphql(START, { input: { caseId: first.id } }, gridWorker)).status).toBe('IN_PROGRESS');
  });

  it('escalates to the district, which acknowledges and returns it as a machine client, on the timeline', async () => {
    const opened = await open({
      reporterId: 'res-a',
      category: 'PUBLIC_SECURITY',
      channel: 'GRID_PATROL',
      description: '小区后门门禁损坏',
    });
    const noLevel = await service.graphql(
      ESCALATE,
      { input: { caseId: opened.id, level: 'DISTRICT', reason: '' } },
      governance,
    );
    expect(noLevel.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(
      ok(
        await service.graphql(
          ESCALATE,
          { input: { caseId: opened.id, level: 'DISTRICT', reason: '涉及多部门，须区级协调' } },
          governance,
        ),
      ),
    ).toMatchObject({
      status: 'ESCALATED',
      escalationLevel: 'DISTRICT',
    });
    const escalated = (await events(opened.id)).find((e) => e.type === 'case.escalated');
    expect(escalated?.data).toMatchObject({ level: 'DISTRICT', reason: '涉及多部门，须区级协调' });

    const byUser = await service.graphql(ACKNOWLEDGE, { input: { caseId: opened.id } }, admin);
    expect(byUser.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'cases:escalation' });
    const acknowledged = ok(
      await service.graphql(ACKNOWLEDGE, { input: { caseId: opened.id, note: '区平台已受理' } }, platform),
    );
    expect(acknowledged.status).toBe('ESCALATED');
    expect(acknowledged.escalationAcknowledgedAt).not.toBeNull();
    const twice = await service.graphql(ACKNOWLEDGE, { input: { caseId: opened.id } }, platform);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const returned = ok(
      await service.graphql(
        RETURN,
        { input: { caseId: opened.id, reason: '属社区物业管理范围，请社区协调' } },
        platform,
      ),
    );
    expect(returned.status).toBe('IN_PROGRESS');
    expect(returned.timeline.slice(-3).map((t: any) => [t.action, t.actorKind, t.toStatus])).toEqual([
      ['ESCALATE', 'user', 'ESCALATED'],
      ['ACKNOWLEDGE_ESCALATION', 'machine', 'ESCALATED'],
      ['RETURN_ESCALATION', 'machine', 'IN_PROGRESS'],
    ]);
  });

  it('flags overdue cases in the scheduled scan and publishes case.overdue once per case and limit', async () => {
    clock.set(new Date('2026-04-01T01:00:00Z'));
    const opened = await open({
      reporterId: 'res-a',
      category: 'CERTIFICATE',
      channel: 'WALK_IN',
      description: '开具居住证明',
    });
    const overdueEvents = async () =>
      (await events(opened.id)).filter((e) => e.type === 'case.overdue').map((e) => e.data.limit);
    expect(await scanOverdueCases(service, clock.now())).toBeGreaterThanOrEqual(0);
    expect(await overdueEvents()).toEqual([]);
    clock.advance(9 * 3_600_000); // CERTIFICATE: 8 h to take up
    await scanOverdueCases(service, clock.now());
    expect(await overdueEvents()).toEqual(['ACKNOWLEDGE']);
    await scanOverdueCases(service, clock.now());
    expect(await overdueEvents()).toEqual(['ACKNOWLEDGE']);
    clock.advance(2 * 86_400_000); // 2 days to resolve
    await scanOverdueCases(service, clock.now());
    await scanOverdueCases(service, clock.now());
    expect(await overdueEvents()).toEqual(['ACKNOWLEDGE', 'RESOLVE']);
    const record = await service.orm.em.fork().findOneOrFail(Case, opened.id);
    expect(record.acknowledgeOverdueAt).not.toBeNull();
    const listed = await service.graphql(
      '{ cases(filter: { overdue: true }, first: 100) { edges { node { id overdue } } } }',
      {},
      admin,
    );
    expect(listed.data.cases.edges.map((e: any) => e.node.id)).toContain(opened.id);
    const timeline = await service.orm.em.fork().find(CaseTimelineEntry, { caseId: opened.id, action: 'OVERDUE' });
    expect(timeline).toHaveLength(2);
  });

  it('flags a case once when two replicas scan at the same moment', async () => {
    clock.set(new Date('2026-05-01T01:00:00Z'));
    const opened = await open({
      reporterId: 'res-a',
      category: 'CERTIFICATE',
      channel: 'WALK_IN',
      description: '开具户籍证明',
    });
    clock.advance(9 * 3_600_000);
    await Promise.all([scanOverdueCases(service, clock.now()), scanOverdueCases(service, clock.now())]);
    const timeline = await service.orm.em.fork().find(CaseTimelineEntry, { caseId: opened.id, action: 'OVERDUE' });
    expect(timeline).toHaveLength(1);
    expect((await events(opened.id)).filter((e) => e.type === 'case.overdue')).toHaveLength(1);
  });
});
