import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CareCategoryAdded,
  CareCategoryEnded,
  CareCategoryReviewDue,
  CareCategoryReviewed,
  FloatingRegistrationExpiring,
  GridRegistered,
  RegistrationAttended,
  ResidentDeceased,
  ResidentIdentityCorrected,
  ResidentMovedOut,
  ResidentRegistered,
  ResidentUpdated,
  type EventEnvelope,
} from '@shequ/contracts';
import { OutboxMessage } from '@shequ/messaging';
import { ManualClock, ReferenceProjection } from '@shequ/subgraph';
import {
  InMemoryApiKeys,
  knownReferences,
  startTestSubgraph,
  TestEventPublisher,
  type Caller,
  type TestSubgraph,
} from '@shequ/subgraph/testing';
import { startNatsServer, testDialects, waitFor, type NatsServerHandle } from '@shequ/testing';
import { scanProactiveRules } from '../src/application/proactive-tasks.js';
import { ProactiveTask, ResidentProjection, Visit } from '../src/entities/index.js';
import { casesService } from '../src/service.js';

const GRID_CODE = '350203008006-02';
const gridWorker: Caller = { role: 'grid_worker', grids: [GRID_CODE], subject: 'staff-gw2', department: 'GRID' };
const DAY = 86_400_000;
const LOG_VISIT = `mutation($input: LogVisitInput!) { logVisit(input: $input) { visit { id staff { id } household { id } resident { id } notes followUps } } }`;
const TASKS = `query($filter: ProactiveTaskFilter) { proactiveTasks(filter: $filter, first: 50) { totalCount edges { node { id rule status closedBy closingRef dueOn resident { id } grid { id } } } } }`;

describe.each(testDialects())('proactive service on %s (events in → task out → visit closes it)', (dialect) => {
  let nats: NatsServerHandle;
  let service: TestSubgraph;
  let publisher: TestEventPublisher;
  const clock = new ManualClock(new Date('2026-05-01T02:00:00Z'));
  const apiKeys = new InMemoryApiKeys();

  const register = async (residentId: string, residenceType: 'REGISTERED' | 'FLOATING', birthDate = '1950-02-02') => {
    await publisher.publish(
      ResidentRegistered,
      {
        residentId,
        householdId: `hh-${residentId}`,
        buildingId: 'b-1',
        gridId: 'grid-2',
        gender: 'FEMALE',
        birthDate,
        residenceType,
        residencePermitExpiresOn: null,
      },
      { occurredAt: clock.now() },
    );
  };
  const tasksOf = (residentId: string) =>
    service.orm.em.fork().find(ProactiveTask, { residentId }, { orderBy: { createdAt: 'asc' } });
  const taskEvents = async (residentId: string) =>
    (await service.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } }))
      .map((r) => JSON.parse(r.payload) as EventEnvelope<any>)
      .filter((e) => e.type.startsWith('proactive_task.') && e.data.residentId === residentId)
      .map((e) => [e.type, e.data.rule, e.data.closedBy ?? null]);
  const visit = (input: Record<string, unknown>) => service.graphql(LOG_VISIT, { input }, gridWorker);

  beforeAll(async () => {
    nats = await startNatsServer();
    service = await startTestSubgraph(casesService, { dialect, natsUrl: nats.url, clock, apiKeys });
    await knownReferences(service, [
      { kind: 'STAFF', id: 'staff-admin', department: 'OFFICE' },
      { kind: 'STAFF', id: 'staff-gw2', department: 'GRID' },
      { kind: 'STAFF', id: 'staff-gw9', department: 'GRID' },
      // Residents' events below also announce these; declared here so writes never race the reference consumer.
      ...[
        'r-alone',
        'r-dancer',
        'r-dibao',
        'r-dying',
        'r-float',
        'r-float2',
        'r-float3',
        'r-leaving',
        'r-local',
        'r-marker',
        'r-marker2',
        'r-lonely',
        'r-permit',
        'r-review',
        'r-turning',
        'r-visited',
      ].map((id) => ({ kind: 'RESIDENT' as const, id })),
      ...['hh-r-alone', 'hh-r-dibao', 'hh-r-leaving', 'hh-r-visited'].map((id) => ({ kind: 'HOUSEHOLD' as const, id })),
    ]);
    publisher = new TestEventPublisher(nats.url);
    await publisher.publish(GridRegistered, {
      gridId: 'grid-2',
      code: GRID_CODE,
      name: '莲秀里网格',
      gridWorkerStaffId: 'staff-gw2',
    });
  });
  afterAll(async () => {
    await publisher?.close();
    await service?.stop();
    await nats?.dispose();
  });

  it('opens a review task when residents says a care review falls due, and a visit closes it', async () => {
    await register('r-dibao', 'REGISTERED');
    const due = {
      residentId: 'r-dibao',
      category: 'MINIMUM_LIVING_ALLOWANCE' as const,
      dueOn: '2026-05-10',
      gridId: 'grid-2',
    };
    const event = await publisher.publish(CareCategoryReviewDue, due);
    const [task] = await waitFor(async () => ((await tasksOf('r-dibao')).length ? tasksOf('r-dibao') : null), {
      timeoutMs: 30_000,
      what: 'review task',
    });
    expect(task).toMatchObject({ rule: 'CARE_REVIEW_DUE', status: 'OPEN', dueOn: '2026-05-10', gridId: 'grid-2' });

    await publisher.republish(event);
    await publisher.publish(CareCategoryReviewDue, due);
    await register('r-marker', 'REGISTERED');
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-marker' }), {
      timeoutMs: 30_000,
      what: 'marker',
    });
    expect(await tasksOf('r-dibao')).toHaveLength(1);

    const listed = await service.graphql(TASKS, { filter: { status: 'OPEN', residentId: 'r-dibao' } }, gridWorker);
    expect(listed.data.proactiveTasks.edges[0].node).toMatchObject({
      rule: 'CARE_REVIEW_DUE',
      resident: { id: 'r-dibao' },
      grid: { id: 'grid-2' },
    });

    // The task exists because of the resident's 低保: its reason, rule and existence follow the care-category
    // policy — roles (and keys) that may not see care categories see nothing of it, not even a count.
    const reasonQuery = `query($filter: ProactiveTaskFilter) { proactiveTasks(filter: $filter, first: 10) { totalCount edges { node { rule reason } } } }`;
    const seen = async (caller: Caller) =>
      (await service.graphql(reasonQuery, { filter: { residentId: 'r-dibao' } }, caller)).data.proactiveTasks;
    expect((await seen(gridWorker)).edges[0].node).toEqual({
      rule: 'CARE_REVIEW_DUE',
      reason: '低保（城乡居民最低生活保障）复核到期',
    });
    expect((await seen({ role: 'civil_affairs' })).totalCount).toBe(1);
    const careKey = apiKeys.issue(['cases:read', 'care:read']).authorization;
    expect((await seen({ authorization: careKey })).totalCount).toBe(1);
    for (const caller of [
      { role: 'comprehensive_governance' },
      { role: 'party_affairs' },
      { authorization: apiKeys.issue(['cases:read']).authorization },
      { authorization: apiKeys.issue(['cases:read', 'pii:read']).authorization },
    ] as Caller[]) {
      expect(await seen(caller), JSON.stringify(caller)).toEqual({ totalCount: 0, edges: [] });
      const byRule = await service.graphql(reasonQuery, { filter: { rule: 'CARE_REVIEW_DUE' } }, caller);
      expect(byRule.data.proactiveTasks.totalCount).toBe(0);
    }

    const visited = await visit({
      residentId: 'r-dibao',
      notes: '入户复核低保家庭收入情况',
      followUps: '下月补交收入证明',
    });
    expect(visited.errors).toBeUndefined();
    expect(visited.data.logVisit.visit).toMatchObject({
      staff: { id: 'staff-gw2' },
      household: { id: 'hh-r-dibao' },
      resident: { id: 'r-dibao' },
    });
    const [closed] = await tasksOf('r-dibao');
    expect(closed).toMatchObject({ status: 'CLOSED', closedBy: 'VISIT', closingRef: visited.data.logVisit.visit.id });
    expect(await taskEvents('r-dibao')).toEqual([
      ['proactive_task.created', 'CARE_REVIEW_DUE', null],
      ['proactive_task.closed', 'CARE_REVIEW_DUE', 'VISIT'],
    ]);
  });

  it('asks to verify a newly registered floating resident (not a registered one); a case about them closes it', async () => {
    await register('r-float', 'FLOATING', '1995-07-07');
    await register('r-local', 'REGISTERED', '1995-07-07');
    await waitFor(async () => ((await tasksOf('r-float')).length ? true : null), {
      timeoutMs: 30_000,
      what: 'verification task',
    });
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-local' }), {
      timeoutMs: 30_000,
      what: 'local resident',
    });
    expect(await tasksOf('r-local')).toEqual([]);
    expect((await tasksOf('r-float'))[0]).toMatchObject({ rule: 'FLOATING_RESIDENT_VERIFY', dueOn: '2026-05-08' });
    const opened = await service.graphql(
      `mutation { openCase(input: { reporterId: "r-float", category: CERTIFICATE, channel: PROACTIVE, description: "上门核实居住情况，办理居住证明" }) { case { id } } }`,
    );
    expect(opened.errors).toBeUndefined();
    expect((await tasksOf('r-float'))[0]).toMatchObject({
      status: 'CLOSED',
      closedBy: 'CASE',
      closingRef: opened.data.openCase.case.id,
    });
  });

  it('takes the birth date of resident.identity_corrected into the resident and reference projections (no gender kept)', async () => {
    await register('r-corrected', 'REGISTERED', '1990-01-01');
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-corrected' }), {
      timeoutMs: 30_000,
      what: 'registered resident',
    });
    await publisher.publish(
      ResidentIdentityCorrected,
      { residentId: 'r-corrected', gender: 'MALE', birthDate: '1948-08-08' },
      { occurredAt: clock.now() },
    );
    await waitFor(
      async () =>
        (await service.orm.em
          .fork()
          .findOne(ResidentProjection, { residentId: 'r-corrected', birthDate: '1948-08-08' })) ?? undefined,
      { timeoutMs: 30_000, what: 'the corrected birth date' },
    );
    const row = await service.orm.em.fork().findOneOrFail(ResidentProjection, { residentId: 'r-corrected' });
    // the rest of the projection stays as registered
    expect(row).toMatchObject({ gridId: 'grid-2', residenceType: 'REGISTERED', status: 'ACTIVE' });
    await waitFor(
      async () =>
        (await service.orm.em
          .fork()
          .findOne(ReferenceProjection, { kind: 'RESIDENT', id: 'r-corrected', birthDate: '1948-08-08' })) ?? undefined,
      { timeoutMs: 30_000, what: 'the corrected birth date in the reference projection' },
    );
    expect(
      (await service.orm.em.fork().findOneOrFail(ReferenceProjection, { kind: 'RESIDENT', id: 'r-corrected' })).gender,
    ).toBeNull();
  });

  it('asks to verify a resident who turns floating later (resident.updated), once; a turn back to 户籍 settles it', async () => {
    await register('r-turning', 'REGISTERED', '1990-01-01');
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-turning' }), {
      timeoutMs: 30_000,
      what: 'registered resident',
    });
    expect(await tasksOf('r-turning')).toEqual([]);

    const phoneOnly = {
      residentId: 'r-turning',
      changedFields: ['phone'],
      residenceType: 'REGISTERED' as const,
      residencePermitExpiresOn: null,
    };
    await publisher.publish(ResidentUpdated, phoneOnly, { occurredAt: clock.now() });
    const turned = await publisher.publish(
      ResidentUpdated,
      {
        residentId: 'r-turning',
        changedFields: ['residenceType', 'residencePermitExpiresOn'],
        residenceType: 'FLOATING',
        residencePermitExpiresOn: '2027-05-01',
      },
      { occurredAt: clock.now() },
    );
    const [task] = await waitFor(async () => ((await tasksOf('r-turning')).length ? tasksOf('r-turning') : null), {
      timeoutMs: 30_000,
      what: 'verification task on update',
    });
    expect(task).toMatchObject({
      rule: 'FLOATING_RESIDENT_VERIFY',
      status: 'OPEN',
      gridId: 'grid-2',
      dueOn: '2026-05-08',
    });
    expect(
      (await service.orm.em.fork().findOneOrFail(ResidentProjection, { residentId: 'r-turning' })).residenceType,
    ).toBe('FLOATING');

    // Redelivery, and a later update of a resident already floating, open nothing new.
    await publisher.republish(turned);
    await publisher.publish(
      ResidentUpdated,
      { ...phoneOnly, residenceType: 'FLOATING', residencePermitExpiresOn: '2027-05-01' },
      { occurredAt: clock.now() },
    );
    await register('r-marker2', 'REGISTERED');
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-marker2' }), {
      timeoutMs: 30_000,
      what: 'marker',
    });
    expect(await tasksOf('r-turning')).toHaveLength(1);
    // A floating resident's own registration task is not doubled by an update either.
    await register('r-float3', 'FLOATING');
    await waitFor(async () => ((await tasksOf('r-float3')).length ? true : null), {
      timeoutMs: 30_000,
      what: 'registration task',
    });
    await publisher.publish(
      ResidentUpdated,
      { residentId: 'r-float3', changedFields: ['phone'], residenceType: 'FLOATING', residencePermitExpiresOn: null },
      { occurredAt: clock.now() },
    );

    await publisher.publish(
      ResidentUpdated,
      { ...phoneOnly, changedFields: ['residenceType'] },
      { occurredAt: clock.now() },
    );
    expect(
      await waitFor(async () => (await tasksOf('r-turning'))[0]?.closedBy ?? null, {
        timeoutMs: 30_000,
        what: 'back to 户籍 settles',
      }),
    ).toBe('NO_LONGER_APPLIES');
    expect(
      (await service.orm.em.fork().findOneOrFail(ResidentProjection, { residentId: 'r-turning' })).residenceType,
    ).toBe('REGISTERED');
    expect(await tasksOf('r-float3')).toHaveLength(1);
    expect(await taskEvents('r-turning')).toEqual([
      ['proactive_task.created', 'FLOATING_RESIDENT_VERIFY', null],
      ['proactive_task.closed', 'FLOATING_RESIDENT_VERIFY', 'NO_LONGER_APPLIES'],
    ]);
  });

  it('a 居住证 expiring within 30 days becomes a reminder task for the grid worker; its renewal settles it', async () => {
    await register('r-permit', 'FLOATING', '1992-02-02');
    const permitTasks = async () => (await tasksOf('r-permit')).filter((t) => t.rule === 'FLOATING_PERMIT_EXPIRING');
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-permit' }), {
      timeoutMs: 30_000,
      what: 'registered resident',
    });
    const expiring = { residentId: 'r-permit', expiresOn: '2026-05-20', gridId: 'grid-2' };
    const announced = await publisher.publish(FloatingRegistrationExpiring, expiring, { occurredAt: clock.now() });
    const [task] = await waitFor(async () => ((await permitTasks()).length ? permitTasks() : null), {
      timeoutMs: 30_000,
      what: 'permit reminder',
    });
    expect(task).toMatchObject({
      rule: 'FLOATING_PERMIT_EXPIRING',
      status: 'OPEN',
      gridId: 'grid-2',
      dueOn: '2026-05-20',
      reason: '居住证将于 2026-05-20 到期，须提醒续签',
    });
    const listed = await service.graphql(TASKS, { filter: { residentId: 'r-permit' } }, gridWorker);
    expect(listed.data.proactiveTasks.edges.map((e: any) => e.node.rule)).toContain('FLOATING_PERMIT_EXPIRING');
    await publisher.republish(announced);
    await publisher.publish(
      ResidentUpdated,
      {
        residentId: 'r-permit',
        changedFields: ['residencePermitIssuedOn', 'residencePermitExpiresOn'],
        residenceType: 'FLOATING',
        residencePermitExpiresOn: '2027-05-20',
      },
      { occurredAt: clock.now() },
    );
    expect(
      await waitFor(async () => (await permitTasks())[0]?.closedBy ?? null, {
        timeoutMs: 30_000,
        what: 'renewal settles',
      }),
    ).toBe('NO_LONGER_APPLIES');
    expect(await permitTasks()).toHaveLength(1);
    // The other task of the resident (verify a new floating resident) is not settled by the renewal.
    expect((await tasksOf('r-permit')).find((t) => t.rule === 'FLOATING_RESIDENT_VERIFY')?.status).toBe('OPEN');
  });

  it('closes the open tasks of a resident who moves out or dies, with that reason', async () => {
    await register('r-leaving', 'FLOATING');
    await register('r-dying', 'FLOATING');
    await waitFor(async () => ((await tasksOf('r-dying')).length ? true : null), { timeoutMs: 30_000, what: 'tasks' });
    await publisher.publish(ResidentMovedOut, {
      residentId: 'r-leaving',
      fromHouseholdId: 'hh-r-leaving',
      movedOutOn: '2026-05-02',
      destination: '福建省泉州市',
    });
    await publisher.publish(ResidentDeceased, { residentId: 'r-dying', diedOn: '2026-05-02' });
    const closedBy = async (id: string) => (await tasksOf(id))[0]?.closedBy ?? null;
    expect(await waitFor(() => closedBy('r-leaving'), { timeoutMs: 30_000, what: 'moved out closes' })).toBe(
      'RESIDENT_MOVED_OUT',
    );
    expect(await waitFor(() => closedBy('r-dying'), { timeoutMs: 30_000, what: 'deceased closes' })).toBe(
      'RESIDENT_DECEASED',
    );
    expect(await taskEvents('r-dying')).toEqual([
      ['proactive_task.created', 'FLOATING_RESIDENT_VERIFY', null],
      ['proactive_task.closed', 'FLOATING_RESIDENT_VERIFY', 'RESIDENT_DECEASED'],
    ]);
  });

  it('opens a visit task for an elderly resident living alone after 30 days without contact; event attendance counts as contact', async () => {
    clock.set(new Date('2026-06-01T02:00:00Z'));
    for (const id of ['r-alone', 'r-dancer']) {
      await register(id, 'REGISTERED', '1941-03-03');
      await publisher.publish(
        CareCategoryAdded,
        {
          residentId: id,
          category: 'ELDERLY_LIVING_ALONE',
          startedOn: '2026-06-01',
          source: '入户走访',
          nextReviewOn: null,
        },
        { occurredAt: clock.now() },
      );
    }
    await waitFor(
      async () =>
        (await service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-dancer' }))?.careCategories
          ? true
          : null,
      { timeoutMs: 30_000, what: 'care categories' },
    );

    clock.advance(20 * DAY);
    await publisher.publish(RegistrationAttended, {
      registrationId: 'reg-1',
      eventId: 'ev-1',
      residentId: 'r-dancer',
      attendedAt: clock.now().toISOString(),
    });
    await waitFor(
      async () =>
        (await service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-dancer' }))?.lastContactAt
          ? true
          : null,
      { timeoutMs: 30_000, what: 'attendance' },
    );

    clock.advance(9 * DAY);
    await scanProactiveRules(service, clock.now());
    expect(await tasksOf('r-alone')).toEqual([]);

    clock.advance(2 * DAY); // 31 days since r-alone became known, 11 since r-dancer attended
    await scanProactiveRules(service, clock.now());
    await scanProactiveRules(service, clock.now());
    expect(await tasksOf('r-dancer')).toEqual([]);
    const tasks = await tasksOf('r-alone');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ rule: 'ELDERLY_NO_CONTACT', status: 'OPEN', dueOn: '2026-07-05' });

    const visited = await visit({ householdId: 'hh-r-alone', notes: '上门看望独居老人，身体状况良好' });
    expect(visited.errors).toBeUndefined();
    expect((await tasksOf('r-alone'))[0]).toMatchObject({ status: 'CLOSED', closedBy: 'VISIT' });
    await scanProactiveRules(service, clock.now());
    expect(await tasksOf('r-alone')).toHaveLength(1);
  });

  it('an 独居老人 with no contact on record since the care category began gets a visit task as soon as cases learns of them', async () => {
    // As in the demo: the resident and their care category arrive today, the category dates from long ago.
    await register('r-lonely', 'REGISTERED', '1938-08-08');
    await publisher.publish(
      CareCategoryAdded,
      {
        residentId: 'r-lonely',
        category: 'ELDERLY_LIVING_ALONE',
        startedOn: '2024-03-01',
        source: '入户走访',
        nextReviewOn: null,
      },
      { occurredAt: clock.now() },
    );
    // No scheduled scan is run here: the rule fires on the data as it arrives.
    const [task] = await waitFor(async () => ((await tasksOf('r-lonely')).length ? tasksOf('r-lonely') : null), {
      timeoutMs: 30_000,
      what: 'elderly no-contact task',
    });
    expect(task).toMatchObject({ rule: 'ELDERLY_NO_CONTACT', status: 'OPEN', reason: '已 30 天以上无联系' });
    await scanProactiveRules(service, clock.now());
    expect(await tasksOf('r-lonely')).toHaveLength(1);
  });

  it('settles tasks a care review or the end of a care category makes moot (NO_LONGER_APPLIES), only those', async () => {
    await register('r-review', 'REGISTERED');
    await publisher.publish(CareCategoryReviewDue, {
      residentId: 'r-review',
      category: 'DISABILITY',
      dueOn: '2026-07-20',
      gridId: 'grid-2',
    });
    await publisher.publish(CareCategoryReviewDue, {
      residentId: 'r-float2',
      category: 'EXTREME_POVERTY',
      dueOn: '2026-07-20',
      gridId: 'grid-2',
    });
    await waitFor(async () => ((await tasksOf('r-float2')).length ? true : null), {
      timeoutMs: 30_000,
      what: 'review tasks',
    });
    await publisher.publish(CareCategoryReviewed, {
      residentId: 'r-review',
      category: 'MINIMUM_LIVING_ALLOWANCE',
      outcome: 'CONTINUE',
      reviewedOn: '2026-07-02',
      nextReviewOn: null,
    });
    await publisher.publish(CareCategoryReviewed, {
      residentId: 'r-review',
      category: 'DISABILITY',
      outcome: 'CONTINUE',
      reviewedOn: '2026-07-02',
      nextReviewOn: '2027-07-02',
    });
    await publisher.publish(CareCategoryEnded, {
      residentId: 'r-float2',
      category: 'EXTREME_POVERTY',
      endedOn: '2026-07-02',
      reason: '收入超过标准',
    });
    expect(
      await waitFor(async () => (await tasksOf('r-review'))[0]?.closedBy ?? null, {
        timeoutMs: 30_000,
        what: 'review settles',
      }),
    ).toBe('NO_LONGER_APPLIES');
    expect(
      await waitFor(async () => (await tasksOf('r-float2'))[0]?.closedBy ?? null, {
        timeoutMs: 30_000,
        what: 'end settles',
      }),
    ).toBe('NO_LONGER_APPLIES');

    // The elderly visit task ends with the category; a review of another category leaves it open.
    clock.advance(40 * DAY);
    await scanProactiveRules(service, clock.now());
    const [open] = (await tasksOf('r-dancer')).filter((t) => t.status === 'OPEN');
    expect(open).toMatchObject({ rule: 'ELDERLY_NO_CONTACT' });
    await publisher.publish(CareCategoryReviewed, {
      residentId: 'r-dancer',
      category: 'DISABILITY',
      outcome: 'CONTINUE',
      reviewedOn: '2026-08-01',
      nextReviewOn: null,
    });
    await publisher.publish(CareCategoryEnded, {
      residentId: 'r-dancer',
      category: 'ELDERLY_LIVING_ALONE',
      endedOn: '2026-08-01',
      reason: '子女回家同住',
    });
    const settled = await waitFor(
      async () => {
        const task = await service.orm.em.fork().findOneOrFail(ProactiveTask, open.id);
        return task.status === 'CLOSED' ? task : null;
      },
      { timeoutMs: 30_000, what: 'elderly task settled' },
    );
    expect(settled.closedBy).toBe('NO_LONGER_APPLIES');
  });

  it('shows Household.visits to the grid worker of the household’s grid only (recorded on the visit; older visits by the household’s grid)', async () => {
    await publisher.publish(GridRegistered, {
      gridId: 'grid-9',
      code: '350203008006-09',
      name: '槐荫里网格',
      gridWorkerStaffId: 'staff-gw9',
    });
    await register('r-visited', 'REGISTERED');
    await waitFor(() => service.orm.em.fork().findOne(ResidentProjection, { residentId: 'r-visited' }), {
      timeoutMs: 30_000,
      what: 'visited resident',
    });
    const logged = await visit({ householdId: 'hh-r-visited', notes: '入户走访，了解家中老人身体情况' });
    expect(logged.errors).toBeUndefined();
    expect(await service.orm.em.fork().findOneOrFail(Visit, logged.data.logVisit.visit.id)).toMatchObject({
      gridId: 'grid-2',
      householdId: 'hh-r-visited',
    });

    const VISITS = `query { _entities(representations: [{ __typename: "Household", id: "hh-r-visited" }]) { ... on Household { visits { id notes } } } }`;
    const otherGridWorker: Caller = {
      role: 'grid_worker',
      grids: ['350203008006-09'],
      subject: 'staff-gw9',
      department: 'GRID',
    };
    const visitsSeenBy = async (caller: Caller) => {
      const result = await service.graphql(VISITS, {}, caller);
      expect(result.errors).toBeUndefined();
      return result.data._entities[0].visits.map((v: { id: string }) => v.id);
    };
    expect(await visitsSeenBy(gridWorker)).toEqual([logged.data.logVisit.visit.id]);
    expect(await visitsSeenBy(otherGridWorker)).toEqual([]);
    expect(await visitsSeenBy({ role: 'community_admin', subject: 'staff-admin' })).toEqual([
      logged.data.logVisit.visit.id,
    ]);

    // A visit logged before the grid was recorded (grid_id null after the migration): the household's grid decides.
    await service.orm.em.fork().nativeUpdate(Visit, { id: logged.data.logVisit.visit.id }, { gridId: null });
    expect(await visitsSeenBy(gridWorker)).toEqual([logged.data.logVisit.visit.id]);
    expect(await visitsSeenBy(otherGridWorker)).toEqual([]);
  });

  it('rejects a visit without a household or resident, or without notes, writing nothing', async () => {
    const nowhere = await visit({ notes: '走访' });
    expect(nowhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'residentId' });
    const empty = await visit({ residentId: 'r-alone', notes: ' ' });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'notes' });
    const machine = await service.graphql(
      LOG_VISIT,
      { input: { residentId: 'r-alone', notes: '走访' } },
      { role: 'analyst' },
    );
    expect(machine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
