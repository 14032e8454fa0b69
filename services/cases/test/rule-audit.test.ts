import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import { SYSTEM_ACTOR } from '@shequ/contracts';
import { openDatabase, type Orm } from '@shequ/database';
import { eventSink, messagingEntities, Outbox } from '@shequ/messaging';
import { ReferenceProjection, type UnitOfWork } from '@shequ/subgraph';
import { testDatabaseLocation, testDialects } from '@shequ/testing';
import { takeStep } from '../src/application/case-steps.js';
import { evaluateCase } from '../src/application/evaluations.js';
import { concludeMediation, recordMediationSession, startMediation } from '../src/application/mediations.js';
import { openCase, SYSTEM_OPENER } from '../src/application/open-case.js';
import { submitOpen311Request } from '../src/application/open311-requests.js';
import { linkProposedDisbursement } from '../src/application/fund-disbursement-links.js';
import { applyRules } from '../src/application/proactive-tasks.js';
import { upsertResidentProjection } from '../src/application/resident-projection-updates.js';
import { casesRuleViolations, type ResidentFacts } from '../src/application/rule-audit.js';
import { logVisit } from '../src/application/visits.js';
import type { WorkflowActor } from '../src/domain/case-workflow.js';
import {
  Case,
  CaseEvaluation,
  CaseTimelineEntry,
  GridProjection,
  Mediation,
  MediationSession,
  Open311Request,
  ProactiveTask,
  Visit,
} from '../src/entities/index.js';
import { CaseFundDisbursement } from '../src/entities/case-fund-disbursement.js';
import { casesService } from '../src/service.js';

/*
 * The cases rule audit on a small community written through the API's own use cases (clean: nothing found), then
 * each family of rules broken in what is stored, one row at a time, and found (the audit is not blind to any).
 */
const COMMUNITY = '350203008006';
const T0 = new Date('2026-03-02T01:00:00Z');
const TODAY = '2026-03-20';
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
const WORKER = 'staff-gw';
const admin: WorkflowActor = { kind: 'staff', staffId: WORKER, department: null, dispatcher: true };
const who = { kind: 'user' as const, id: WORKER };
const RESIDENTS = ['res-a', 'res-b', 'res-c'];

describe.each(testDialects())('the cases rule audit on %s', (dialect) => {
  let orm: Orm;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    orm = await openDatabase({
      location: testDatabaseLocation(dialect, 'cases-audit'),
      entities: [...casesService.entities, ...messagingEntities],
      migrations: casesService.migrations,
      log: () => undefined,
    });
    await orm.em.fork().transactional(async (em) => {
      const events = eventSink(new Outbox('cases'), em, {
        communityId: COMMUNITY,
        actor: SYSTEM_ACTOR,
        correlationId: 'rule-audit-test',
      });
      const uow: UnitOfWork = { em, events };
      const reference = (kind: string, id: string, extra: object = {}) =>
        em.create(ReferenceProjection, {
          kind: kind as never,
          id,
          communityId: COMMUNITY,
          sourceOccurredAt: new Date(0),
          ...extra,
        });
      reference('STAFF', WORKER, { department: 'GRID', gridIds: 'grid-1' });
      reference('HOUSEHOLD', 'hh-1', { gridId: 'grid-1' });
      for (const id of RESIDENTS) reference('RESIDENT', id, { parentId: 'hh-1', gridId: 'grid-1' });
      em.create(GridProjection, {
        gridId: 'grid-1',
        communityId: COMMUNITY,
        code: 'G1',
        name: '一网格',
        gridWorkerStaffId: WORKER,
      });
      await em.flush();
      for (const id of RESIDENTS)
        await upsertResidentProjection(em, {
          residentId: id,
          communityId: COMMUNITY,
          householdId: 'hh-1',
          gridId: 'grid-1',
          at: T0,
        });
      // a floating resident's verification task, closed by the visit below
      await applyRules(
        uow,
        { kind: 'RESIDENT_REGISTERED', residentId: 'res-c', gridId: 'grid-1', residenceType: 'FLOATING' },
        COMMUNITY,
        T0,
      );

      // a leak: handled, resolved late (flagged), feedback, closed and rated 优 without a reason (kept, invalid)
      const repair = await openCase(
        uow,
        { reporterId: 'res-a', category: 'HOUSING_REPAIR', channel: 'HOTLINE', description: '卫生间顶棚渗水' },
        COMMUNITY,
        T0,
        SYSTEM_OPENER,
      );
      ids.repair = repair.id;
      await takeStep(uow, { caseId: repair.id, action: 'START' }, admin, who, hours(2));
      await em.flush();
      const late = await em.findOneOrFail(Case, { id: repair.id });
      late.resolveOverdueAt = hours(5 * 24 + 1);
      em.create(CaseTimelineEntry, {
        id: 'overdue-1',
        communityId: COMMUNITY,
        caseId: repair.id,
        action: 'OVERDUE',
        fromStatus: 'IN_PROGRESS',
        toStatus: 'IN_PROGRESS',
        actorKind: 'system',
        actorId: 'cases',
        note: '超过办结时限',
        at: hours(5 * 24 + 1),
      });
      await takeStep(uow, { caseId: repair.id, action: 'RESOLVE', note: '已更换水管' }, admin, who, hours(6 * 24));
      await takeStep(
        uow,
        { caseId: repair.id, action: 'GIVE_FEEDBACK', feedbackMethod: '电话', feedbackAt: hours(6 * 24 + 1) },
        admin,
        who,
        hours(6 * 24 + 1),
      );
      await takeStep(uow, { caseId: repair.id, action: 'CLOSE' }, admin, who, hours(6 * 24 + 1));
      const rating = await evaluateCase(
        uow,
        { caseId: repair.id, grade: 'EXCELLENT', raterKind: 'REPORTER', raterResidentId: 'res-a' },
        hours(6 * 24 + 2),
      );
      ids.rating = rating.id;

      // a dispute: escalated to the street, mediated between two neighbours, the agreement reached
      const dispute = await openCase(
        uow,
        { reporterId: 'res-b', category: 'NEIGHBOUR_DISPUTE', channel: 'WALK_IN', description: '楼上装修噪音扰民' },
        COMMUNITY,
        hours(1),
        SYSTEM_OPENER,
      );
      ids.dispute = dispute.id;
      await takeStep(
        uow,
        { caseId: dispute.id, action: 'ESCALATE', escalationLevel: 'STREET', reason: '需街道协调' },
        admin,
        who,
        hours(3),
      );
      await takeStep(
        uow,
        { caseId: dispute.id, action: 'ACKNOWLEDGE_ESCALATION' },
        { kind: 'platform', id: 'platform-1' },
        { kind: 'machine', id: 'platform-1' },
        hours(3.5),
      );
      const mediation = await startMediation(
        uow,
        {
          caseId: dispute.id,
          mediatorStaffId: WORKER,
          parties: [{ residentId: 'res-b' }, { description: '楼上装修业主' }],
        },
        who,
        hours(4),
      );
      ids.mediation = mediation.id;
      await recordMediationSession(
        uow,
        { mediationId: mediation.id, heldAt: hours(5), notes: '双方当面协商' },
        hours(5),
      );
      await concludeMediation(
        uow,
        { mediationId: mediation.id, agreementReached: true, agreement: '晚八点后停止施工' },
        who,
        hours(6),
      );

      // the floating resident visited about the dispute (the task closes)
      const visit = await logVisit(
        uow,
        { staffId: WORKER, residentId: 'res-c', caseId: dispute.id, visitedAt: hours(7), notes: '上门核实居住情况' },
        COMMUNITY,
        hours(8),
      );
      ids.visit = visit.id;

      // a report the district platform handed over (Open311), opened unrouted for the dispatcher
      const { request } = await submitOpen311Request(
        uow,
        {
          serviceCode: 'NEIGHBOUR_DISPUTE',
          description: '广场舞音响夜间扰民',
          lat: '24.48',
          long: '118.18',
          addressString: undefined,
          addressId: undefined,
          mediaUrl: undefined,
          attributes: {},
        },
        {
          communityId: COMMUNITY,
          clientId: 'platform-1',
          opener: { actor: { kind: 'machine', id: 'platform-1' }, grids: null },
        },
        hours(9),
      );
      ids.open311 = request.id;
      // a 救助金 disbursement proposed for the leak's reporter naming the repair case: another department's case, which
      // a disbursement never answers — left unlinked
      await linkProposedDisbursement(em, COMMUNITY, {
        disbursementId: 'fund-1',
        residentId: 'res-a',
        amountFen: 50_000,
        proposedOn: '2026-03-10',
        caseId: repair.id,
      });
    });
  }, 120_000);
  afterAll(() => orm?.close(true));

  const audit = (residents?: ReadonlyMap<string, ResidentFacts>) =>
    casesRuleViolations(orm.em.fork(), TODAY, residents);
  /** Changes one stored row, audits, and puts the row back. */
  async function broken<T extends object>(entity: new () => T, id: string, change: Partial<T>): Promise<string[]> {
    const em: EntityManager = orm.em.fork();
    const row = await em.findOneOrFail(entity, id);
    const before = Object.fromEntries(Object.keys(change).map((k) => [k, (row as Record<string, unknown>)[k]]));
    Object.assign(row, change);
    await em.flush();
    try {
      return await audit();
    } finally {
      Object.assign(row, before);
      await em.flush();
    }
  }

  it('finds nothing in what the use cases wrote', async () => {
    expect(await audit()).toEqual([]);
    const em = orm.em.fork();
    expect(await em.count(ProactiveTask, { status: 'CLOSED', closedBy: 'VISIT' })).toBe(1);
    expect((await em.findOneOrFail(CaseEvaluation, { id: ids.rating })).valid).toBe(false);
  });

  it('finds a 受理号 out of format or of another year, and a case whose intake is not its category’s', async () => {
    expect(await broken(Case, ids.repair, { number: 'SQ-2026-12' })).toEqual(
      expect.arrayContaining([expect.stringContaining('受理号格式')]),
    );
    expect(await broken(Case, ids.repair, { number: 'SQ-2025-000001' })).toEqual(
      expect.arrayContaining([expect.stringContaining('受理号年份')]),
    );
    expect(await broken(Case, ids.repair, { department: 'OFFICE' })).toEqual(
      expect.arrayContaining([expect.stringContaining('承办部门')]),
    );
    expect(await broken(Case, ids.repair, { resolveDueAt: hours(24) })).toEqual(
      expect.arrayContaining([expect.stringContaining('办结时限')]),
    );
  });

  it('finds a status the timeline did not reach, and stored fields its steps did not set', async () => {
    expect(await broken(Case, ids.dispute, { status: 'CLOSED' })).toEqual(
      expect.arrayContaining([expect.stringContaining('不是按流程办到的')]),
    );
    expect(await broken(Case, ids.repair, { resolutionNote: null })).toEqual(
      expect.arrayContaining([expect.stringContaining('办结说明')]),
    );
    expect(await broken(Case, ids.repair, { feedbackAt: hours(5 * 24) })).toEqual(
      expect.arrayContaining([expect.stringContaining('反馈时间早于办结时间')]),
    );
    expect(await broken(Case, ids.dispute, { escalationReason: null })).toEqual(
      expect.arrayContaining([expect.stringContaining('上报须有层级和原因')]),
    );
    // a step the table does not allow from where the case stood: resolving one still waiting
    const steps = await orm.em.fork().find(CaseTimelineEntry, { caseId: ids.repair, action: 'START' });
    expect(await broken(CaseTimelineEntry, steps[0].id, { action: 'RESOLVE', toStatus: 'IN_PROGRESS' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/办结（.*不符合规则「办理流程」/)]),
    );
  });

  it('finds a step taken by whom the table does not let take it (签收 only by the district platform)', async () => {
    const [acknowledged] = await orm.em
      .fork()
      .find(CaseTimelineEntry, { caseId: ids.dispute, action: 'ACKNOWLEDGE_ESCALATION' });
    expect(await broken(CaseTimelineEntry, acknowledged.id, { actorKind: 'user', actorId: WORKER })).toEqual(
      expect.arrayContaining([expect.stringContaining('只能由区级平台办理')]),
    );
  });

  it('finds a district platform report without its place checked', async () => {
    expect(await broken(Open311Request, ids.open311, { latitude: null })).toEqual(
      expect.arrayContaining([expect.stringContaining('经纬度须同时给出')]),
    );
    expect(await broken(Open311Request, ids.open311, { mediaUrl: 'ftp://example.org/a.jpg' })).toEqual(
      expect.arrayContaining([expect.stringContaining('media_url')]),
    );
  });

  it('never links a disbursement to another department’s case, and finds one linked so', async () => {
    expect((await orm.em.fork().findOneOrFail(CaseFundDisbursement, { disbursementId: 'fund-1' })).caseId).toBeNull();
    expect(await broken(CaseFundDisbursement, 'fund-1', { caseId: ids.repair })).toEqual([
      expect.stringContaining('不是保障站受理的救助申请'),
    ]);
  });

  it('finds a disbursement linked to a case of another community', async () => {
    const other = await orm.em.fork().transactional((em) =>
      openCase(
        {
          em,
          events: eventSink(new Outbox('cases'), em, {
            communityId: '350203008001',
            actor: SYSTEM_ACTOR,
            correlationId: 'rule-audit-test',
          }),
        },
        { category: 'ASSISTANCE_APPLICATION', channel: 'WALK_IN', description: '申请临时救助' },
        '350203008001',
        hours(10),
        SYSTEM_OPENER,
      ),
    );
    const em = orm.em.fork();
    try {
      expect(await broken(CaseFundDisbursement, 'fund-1', { caseId: other.id })).toEqual([
        expect.stringContaining('不是本社区的事项'),
      ]);
    } finally {
      await em.nativeDelete(CaseTimelineEntry, { caseId: other.id });
      await em.nativeDelete(Case, { id: other.id });
    }
  });

  it('finds an overdue flag set before the limit passed', async () => {
    expect(await broken(Case, ids.repair, { resolveOverdueAt: hours(3 * 24) })).toEqual(
      expect.arrayContaining([expect.stringContaining('其时并未超时')]),
    );
  });

  it('finds a rating counted against the rule, or by someone other than the reporter', async () => {
    expect(await broken(CaseEvaluation, ids.rating, { valid: true, invalidReason: null })).toEqual(
      expect.arrayContaining([expect.stringContaining('与评议规则不符')]),
    );
    expect(await broken(CaseEvaluation, ids.rating, { raterResidentId: 'res-b' })).toEqual(
      expect.arrayContaining([expect.stringContaining('反映人本人')]),
    );
    // a sampled rater must be one the handler served: res-c was visited by the grid worker, res-x never
    expect(await broken(CaseEvaluation, ids.rating, { raterKind: 'SAMPLED', raterResidentId: 'res-c' })).toEqual([]);
    expect(await broken(CaseEvaluation, ids.rating, { raterKind: 'SAMPLED', raterResidentId: 'res-x' })).toEqual(
      expect.arrayContaining([expect.stringContaining('服务过的居民')]),
    );
    expect(await broken(CaseEvaluation, ids.rating, { evaluatedAt: hours(3) })).toEqual(
      expect.arrayContaining([expect.stringContaining('尚未办结')]),
    );
  });

  it('finds a mediation concluded without its agreement or sessions', async () => {
    expect(await broken(Mediation, ids.mediation, { agreement: null })).toEqual(
      expect.arrayContaining([expect.stringContaining('协议内容')]),
    );
    const session = await orm.em.fork().findOneOrFail(MediationSession, { mediationId: ids.mediation });
    expect(await broken(MediationSession, session.id, { heldAt: hours(3) })).toEqual(
      expect.arrayContaining([expect.stringContaining('早于调解开始时间')]),
    );
  });

  it('finds a visit after the resident’s death, or not on its case’s timeline', async () => {
    const died = new Map(RESIDENTS.map((id) => [id, { status: 'ACTIVE', diedOn: null as string | null }]));
    died.set('res-c', { status: 'DECEASED', diedOn: '2026-03-01' });
    const afterDeath = await audit(died);
    expect(afterDeath).toEqual(expect.arrayContaining([expect.stringContaining('不符合规则「走访不晚于居民死亡」')]));
    // the lines go to reports and logs: the record and the rule, never the person's date of death
    expect(afterDeath.join('\n')).not.toContain('2026-03-01');
    expect(await broken(Visit, ids.visit, { visitedAt: hours(6.5) })).toEqual(
      expect.arrayContaining([expect.stringContaining('时间线上没有记录')]),
    );
    // logged more than 30 days after it took place (1990), or dated before its case was received
    expect(await broken(Visit, ids.visit, { visitedAt: new Date('1990-03-01T02:00:00Z'), loggedAt: hours(8) })).toEqual(
      expect.arrayContaining([
        expect.stringContaining('不符合规则「走访日期（登记前 30 天内，不早于事项受理）」（visitedAt）'),
      ]),
    );
    expect(await broken(Visit, ids.visit, { visitedAt: hours(-1) })).toEqual(
      expect.arrayContaining([
        expect.stringContaining('不符合规则「走访日期（登记前 30 天内，不早于事项受理）」（visitedAt）'),
      ]),
    );
    // logged in another community: a visitor, household and resident not of its own
    expect(await broken(Visit, ids.visit, { communityId: '350203008001' })).toEqual(
      expect.arrayContaining([
        expect.stringContaining('不是本社区的工作者'),
        expect.stringContaining('不是本社区的住户'),
        expect.stringContaining('不是本社区居民'),
      ]),
    );
  });

  it('finds a proactive task not as its rule opens it, or closed by a visit that is not there, or left open for one who left', async () => {
    const task = await orm.em.fork().findOneOrFail(ProactiveTask, { residentId: 'res-c' });
    const dueOn = await broken(ProactiveTask, task.id, { dueOn: '2026-03-30' });
    expect(dueOn).toEqual(expect.arrayContaining([expect.stringContaining('期限不是规则计算的期限')]));
    // the due date follows the resident's care record (a 低保 review): not named
    expect(dueOn.join('\n')).not.toContain('2026-03-30');
    expect(await broken(ProactiveTask, task.id, { closingRef: 'no-such-visit' })).toEqual(
      expect.arrayContaining([expect.stringContaining('由走访关闭')]),
    );
    const em = orm.em.fork();
    const row = await em.findOneOrFail(ProactiveTask, { id: task.id });
    Object.assign(row, { status: 'OPEN', closedAt: null, closedBy: null, closingRef: null });
    await em.flush();
    try {
      const moved = new Map(
        RESIDENTS.map((id) => [id, { status: id === 'res-c' ? 'MOVED_OUT' : 'ACTIVE', diedOn: null }]),
      );
      expect(await audit(moved)).toEqual([expect.stringContaining('res-c 已不在册，任务仍待处理')]);
    } finally {
      Object.assign(row, {
        status: 'CLOSED',
        closedAt: task.closedAt,
        closedBy: task.closedBy,
        closingRef: task.closingRef,
      });
      await em.flush();
    }
  });
});
