import type { CaseCategory, CaseChannel, EvaluationGrade } from '@shequ/contracts';
import { addDays, addMonths, communityDay, startOfCommunityDay, SYSTEM_ACTOR } from '@shequ/contracts';
import type { EntityManager } from '@mikro-orm/core';
import { demoDataset, demoId, SeededRandom, type DemoResident } from '@shequ/demo-data';
import type { EventSink } from '@shequ/messaging';
import { seedReferenceProjection, type DemoSeedDependencies, type UnitOfWork } from '@shequ/subgraph';
import { takeStep } from '../application/case-steps.js';
import { evaluateCase } from '../application/evaluations.js';
import { openCase, SYSTEM_OPENER } from '../application/open-case.js';
import { upsertResidentProjection } from '../application/resident-projection-updates.js';
import { CATEGORY_POLICIES } from '../domain/category-policy.js';
import type { WorkflowActor } from '../domain/case-workflow.js';
import { Case } from '../entities/case.js';
import { GridProjection } from '../entities/grid-projection.js';
import { ProactiveTask } from '../entities/proactive-task.js';
import { Visit } from '../entities/visit.js';
import { noteContact } from '../application/proactive-tasks.js';
import { floatingResidentVerify } from '../domain/proactive-rules/floating-resident-verify.js';
import { assertVisitDate } from '../domain/visit-rules.js';

/** Matters like those 社情民意在线 handled in 莲秀社区 (membership transfers, neighbour disputes, leaks …), with weights. */
export const DEMO_MATTERS: Array<[CaseCategory, CaseChannel, string, number]> = [
  ['PARTY_MEMBERSHIP_TRANSFER', 'WALK_IN', '退休返厦，申请将党员组织关系从原单位转入社区党委', 3],
  ['PARTY_MEMBERSHIP_TRANSFER', 'WALK_IN', '工作调动，申请将组织关系转出至新单位党支部', 2],
  ['NEIGHBOUR_DISPUTE', 'ONLINE', '楼上住户夜间装修噪音扰民，协商未果，请社区协调', 3],
  ['NEIGHBOUR_DISPUTE', 'WALK_IN', '邻居在楼道饲养宠物，气味影响通行，双方发生争执', 2],
  ['HOUSING_REPAIR', 'HOTLINE', '卫生间顶棚渗水，疑为楼上水管老化，请协调维修', 4],
  ['HOUSING_REPAIR', 'ONLINE', '居民楼下水道堵塞，污水外溢', 3],
  ['SANITATION', 'GRID_PATROL', '楼道堆放杂物和废旧家具，影响通行和消防安全', 3],
  ['PUBLIC_SECURITY', 'GRID_PATROL', '小区后门门禁损坏，夜间有陌生人出入', 1],
  ['ASSISTANCE_APPLICATION', 'WALK_IN', '家人患重病住院，生活困难，申请临时救助', 2],
  ['CERTIFICATE', 'WALK_IN', '办理居住证明，用于子女入学', 3],
  ['SUGGESTION', 'RESIDENT_DIALOGUE', '建议在小区广场增设老年人健身器材', 2],
  ['OTHER', 'REFERRED', '街道转办：核查辖区内群租房安全隐患', 1],
];

export const REASONS: Record<EvaluationGrade, string> = {
  EXCELLENT: '处理及时，态度热情',
  GOOD: '问题已解决',
  FAIR: '办理时间偏长',
  POOR: '多次反映才有人处理',
};
const CASES_PER_YEAR = 120;
const HOUR = 3_600_000;
export const GRADES: Array<[EvaluationGrade, number]> = [
  ['EXCELLENT', 5],
  ['GOOD', 4],
  ['FAIR', 1],
  ['POOR', 0.4],
];

/** Cases opened in the last days are still being handled. */
const OPEN_TAIL_DAYS = 14;
/** 组织关系转接 cases wait for their transfer (党建 moves them on), so the demo has only recent ones, still open. */
const TRANSFER_WINDOW_DAYS = 40;

/**
 * About a year of cases (the twelve months up to the seed's "today": from the 3rd of the month eleven months ago
 * to half an hour ago) through the normal workflow: opened, assigned to the grid worker, handled, mostly resolved in time,
 * feedback given, closed, and about half rated (some 优 without a reason, which stay invalid). No step is dated
 * after today: a case whose next step would come later stays at the step it has reached. 组织关系转接 cases are
 * recent and in progress (their transfers are under way in 党建). Floating residents' verification tasks
 * (新登记流动人口待核实) are done a few days after registration, except the most recent. One transaction, a few
 * hundred rows: fast.
 */
export async function seedCasesDemo({ orm, outbox, logger, clock }: DemoSeedDependencies): Promise<void> {
  if ((await orm.em.fork().count(Case, {})) > 0) return;
  const data = demoDataset();
  // The references every write checks: the demo's people, places and staff, as residents' events would state them.
  await seedReferenceProjection(orm.em.fork(), data);
  const random = new SeededRandom('cases-demo');
  const communityId = data.community.code;
  const adults = data.residents.filter((r) => r.phone !== null);
  const householdGrid = new Map<string, string>();
  const buildingGrid = new Map(data.buildings.map((b) => [b.id, b.gridId]));
  for (const h of data.households) householdGrid.set(h.id, buildingGrid.get(h.buildingId)!);
  const staffDepartment = new Map(data.staff.map((s) => [s.id, s.department]));
  const transferMatters = DEMO_MATTERS.filter((m) => m[0] === 'PARTY_MEMBERSHIP_TRANSFER');
  const weighted = DEMO_MATTERS.filter((m) => m[0] !== 'PARTY_MEMBERSHIP_TRANSFER').map((m) => [m, m[3]] as const);
  const now = clock.now();
  const today = communityDay(now);
  const start = startOfCommunityDay(`${addMonths(today, -11).slice(0, 7)}-03`).getTime() + 9 * HOUR;
  // the last case is opened half an hour ago, so the year covers this month too (twelve calendar months)
  const span = now.getTime() - HOUR / 2 - start;
  let resolvedCount = 0;

  await orm.em.fork().transactional(async (em) => {
    // Events carry the time of the step they describe (the seed replays a year), not the time of seeding.
    let stepAt = new Date(start);
    const events: EventSink = {
      record: (definition, payload, options) =>
        outbox.add(em, definition, payload, {
          communityId: options?.communityId ?? communityId,
          actor: SYSTEM_ACTOR,
          correlationId: 'demo-seed',
          occurredAt: stepAt,
        }),
    };
    const uow: UnitOfWork = { em, events };
    for (const grid of data.grids) {
      em.create(GridProjection, {
        gridId: grid.id,
        communityId,
        code: grid.code,
        name: grid.name,
        gridWorkerStaffId: grid.gridWorkerStaffId,
      });
    }
    await em.flush();
    for (let i = 0; i < CASES_PER_YEAR; i++) {
      // Keep the identity map small: each case is flushed and forgotten before the next (auto-flush stays cheap).
      await em.flush();
      em.clear();
      const offset = random.int(0, 8) * HOUR;
      const openedAt = new Date(
        start + Math.floor((i * span) / (CASES_PER_YEAR - 1)) - (i === CASES_PER_YEAR - 1 ? 0 : offset),
      );
      const daysAgo = (now.getTime() - openedAt.getTime()) / (24 * HOUR);
      const transfer = daysAgo <= TRANSFER_WINDOW_DAYS && i % 2 === 0;
      const [category, channel, description] = transfer
        ? transferMatters[i % transferMatters.length]
        : random.weighted(weighted);
      const reporter = random.pick(adults);
      await upsertResidentProjection(em, {
        residentId: reporter.id,
        communityId,
        householdId: reporter.householdId,
        gridId: householdGrid.get(reporter.householdId) ?? null,
        birthDate: reporter.birthDate,
        residenceType: reporter.residenceType,
        at: new Date(start),
      });
      stepAt = openedAt;
      const opened = await openCase(
        uow,
        { reporterId: reporter.id, category, channel, description },
        communityId,
        openedAt,
        SYSTEM_OPENER,
      );
      const handler = opened.assigneeStaffId ?? data.staff[0].id;
      const actor: WorkflowActor = {
        kind: 'staff',
        staffId: handler,
        department: staffDepartment.get(handler) ?? null,
        dispatcher: true,
      };
      const who = { kind: 'user' as const, id: handler };
      if (!opened.assigneeStaffId)
        await takeStep(uow, { caseId: opened.id, action: 'ASSIGN', assigneeStaffId: handler }, actor, who, openedAt);
      const policy = CATEGORY_POLICIES[category];
      const startedAt = new Date(openedAt.getTime() + random.int(1, policy.acknowledgeHours) * HOUR);
      // The last weeks stay open; a few are rejected as outside the community's remit; nothing is dated after now.
      if (startedAt > now) continue;
      if (transfer) {
        stepAt = startedAt;
        await takeStep(uow, { caseId: opened.id, action: 'START' }, actor, who, startedAt);
        continue;
      }
      if (daysAgo <= OPEN_TAIL_DAYS) continue;
      if (random.chance(0.04)) {
        stepAt = startedAt;
        await takeStep(
          uow,
          { caseId: opened.id, action: 'REJECT', reason: '不属于社区职责范围，已告知居民向相关部门反映' },
          actor,
          who,
          startedAt,
        );
        continue;
      }
      stepAt = startedAt;
      await takeStep(uow, { caseId: opened.id, action: 'START' }, actor, who, startedAt);
      const onTime = random.chance(0.88);
      const hours = onTime
        ? random.int(2, Math.max(3, policy.resolveHours - 2))
        : policy.resolveHours + random.int(4, 72);
      // resolved after it was started (a quick fix is still an hour's work)
      const resolvedAt = new Date(Math.max(openedAt.getTime() + hours * HOUR, startedAt.getTime() + HOUR));
      const feedbackAt = new Date(resolvedAt.getTime() + random.int(1, 24) * HOUR);
      if (resolvedAt > now) continue;
      stepAt = resolvedAt;
      await takeStep(
        uow,
        { caseId: opened.id, action: 'RESOLVE', note: '已协调相关方处理完毕' },
        actor,
        who,
        resolvedAt,
      );
      if (feedbackAt > now) continue;
      stepAt = feedbackAt;
      await takeStep(
        uow,
        {
          caseId: opened.id,
          action: 'GIVE_FEEDBACK',
          feedbackMethod: random.pick(['电话', '上门', '短信']),
          feedbackAt,
        },
        actor,
        who,
        feedbackAt,
      );
      await takeStep(uow, { caseId: opened.id, action: 'CLOSE' }, actor, who, feedbackAt);
      resolvedCount++;
      if (random.chance(0.55)) {
        const grade = random.weighted(GRADES);
        const reason = grade === 'GOOD' || grade === 'FAIR' || random.chance(0.8) ? REASONS[grade] : null;
        await evaluateCase(
          uow,
          { caseId: opened.id, grade, reason, raterKind: 'REPORTER', raterResidentId: reporter.id },
          feedbackAt,
        );
      }
    }
    await em.flush();
    em.clear();
    const gridWorker = new Map(data.grids.map((g) => [g.id, g.gridWorkerStaffId]));
    await seedFloatingVerifications(em, communityId, data.residents, householdGrid, gridWorker, now);
  });
  logger.info({ cases: CASES_PER_YEAR, resolved: resolvedCount }, 'demo cases seeded');
}

/** Recent registrations whose on-the-spot check (核实居住情况) is still to do. */
const VERIFICATION_PENDING_DAYS = 21;

/**
 * 新登记流动人口待核实, as the grid workers worked through them: each floating resident was registered when the
 * 居住证 was issued and visited within the rule's week; registrations of the last three weeks are still open, due
 * a week after each. Written under the rule's own key, so the rule opens nothing new when residents' events arrive.
 * A task done is closed by its visit, as `logVisit` closes it: the grid worker's visit to the resident (民情日记),
 * logged when it took place, is stored, noted as the resident's last contact, and named as what closed the task.
 */
async function seedFloatingVerifications(
  em: EntityManager,
  communityId: string,
  residents: readonly DemoResident[],
  householdGrid: ReadonlyMap<string, string>,
  gridWorker: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  const random = new SeededRandom('cases-demo-verifications');
  const today = communityDay(now);
  const { dueInDays } = floatingResidentVerify.settings;
  let index = 0;
  for (const resident of residents) {
    if (resident.residenceType !== 'FLOATING' || !resident.residencePermit) continue;
    const registeredOn = resident.residencePermit.issuedOn < today ? resident.residencePermit.issuedOn : today;
    const pending = registeredOn > addDays(today, -VERIFICATION_PENDING_DAYS);
    const createdAt = new Date(Math.min(startOfCommunityDay(registeredOn).getTime() + 10 * HOUR, now.getTime()));
    const closedAt = new Date(createdAt.getTime() + random.int(1, dueInDays) * 24 * HOUR - random.int(0, 6) * HOUR);
    const gridId = householdGrid.get(resident.householdId) ?? null;
    const visitor = gridId ? gridWorker.get(gridId) : undefined;
    const visited = !pending && closedAt <= now && visitor !== undefined;
    const visitId = demoId('floating-verification-visit', index);
    if (visited) {
      // the diary written when the visit took place: the rule of logVisit, with that moment as «now»
      assertVisitDate(closedAt, closedAt);
      em.create(Visit, {
        id: visitId,
        communityId,
        staffId: visitor,
        householdId: resident.householdId,
        residentId: resident.id,
        gridId,
        visitedAt: closedAt,
        loggedAt: closedAt,
        notes: '上门核实居住情况，与登记信息一致',
      });
      await noteContact(em, resident.id, closedAt);
    }
    em.create(ProactiveTask, {
      id: demoId('proactive-task', index++),
      communityId,
      rule: floatingResidentVerify.code,
      residentId: resident.id,
      gridId,
      dedupKey: `${floatingResidentVerify.code}:${resident.id}:registration`,
      reason: '新登记流动人口待核实',
      dueOn: addDays(registeredOn, dueInDays),
      createdAt,
      ...(visited ? { status: 'CLOSED' as const, closedAt, closedBy: 'VISIT' as const, closingRef: visitId } : {}),
    });
  }
}
