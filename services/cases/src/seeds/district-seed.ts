import { communityDay, type CaseCategory, type CaseStatus } from '@shequ/contracts';
import { demoId, SeededRandom, type DemoDataset } from '@shequ/demo-data';
import type { EntityManager } from '@shequ/database';
import type { CommunityWriter } from '@shequ/subgraph';
import { CATEGORY_POLICIES, deadlinesFor } from '../domain/category-policy.js';
import { formatCaseNumber } from '../domain/case-number.js';
import { evaluationValidity } from '../domain/evaluation-validity.js';
import type { CaseAction } from '../domain/vocabularies.js';
import { Case } from '../entities/case.js';
import { CaseEvaluation } from '../entities/case-evaluation.js';
import { CaseNumberSequence } from '../entities/case-number-sequence.js';
import { CaseTimelineEntry } from '../entities/case-timeline-entry.js';
import { GridProjection } from '../entities/grid-projection.js';
import { ResidentProjection } from '../entities/resident-projection.js';
import { DEMO_MATTERS, GRADES, REASONS } from './demo-seed.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Notes of the steps whose timeline entry says what the step recorded (the case's resolution note, feedback method). */
const RESOLUTION_NOTE = '已协调处理，居民认可';
const FEEDBACK_METHOD = '电话回访';
const STEP_NOTES: Partial<Record<CaseAction, string>> = {
  RESOLVE: RESOLUTION_NOTE,
  GIVE_FEEDBACK: `反馈方式：${FEEDBACK_METHOD}`,
  OVERDUE: '超过办结时限',
};
/** Cases opened in the last two weeks are still being handled. */
const OPEN_TAIL_DAYS = 14;

/**
 * Cases' part of a generated community: the grid and resident projections (as residents' events would state
 * them), and `casesPerResident` cases a year per resident opened over the year before `now`, handled through the
 * workflow's steps (each a timeline entry), most closed, about half of those rated (优/差 without a reason kept
 * but invalid, as the API does). Case numbers continue the year's sequence the database already holds.
 */
export function casesDistrictWriter(options: {
  now: Date;
  casesPerResident: number;
  hasData?: (em: EntityManager) => Promise<boolean>;
}): CommunityWriter<DemoDataset> {
  let sequences: Map<number, number> | undefined;
  const nextNumber = async (em: EntityManager, year: number) => {
    sequences ??= new Map((await em.find(CaseNumberSequence, {})).map((s) => [s.year, s.last]));
    const next = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, next);
    return formatCaseNumber(year, next);
  };
  return {
    hasData: options.hasData ?? (async (em) => (await em.count(Case, {})) > 0),
    async writeCommunity(data, out) {
      const communityId = data.community.code;
      const now = options.now;
      const random = new SeededRandom(`${communityId}:cases`);
      const buildingGrid = new Map(data.buildings.map((b) => [b.id, b.gridId]));
      const householdBuilding = new Map(data.households.map((h) => [h.id, h.buildingId]));
      const categories = new Map<string, string[]>();
      for (const c of data.careRecords)
        categories.set(c.residentId, [...(categories.get(c.residentId) ?? []), c.category]);
      await out.insert(
        GridProjection,
        data.grids.map((g) => ({
          gridId: g.id,
          communityId,
          code: g.code,
          name: g.name,
          gridWorkerStaffId: g.gridWorkerStaffId,
        })),
      );
      await out.insert(
        ResidentProjection,
        data.residents.map((r) => {
          const buildingId = householdBuilding.get(r.householdId) ?? null;
          return {
            residentId: r.id,
            communityId,
            householdId: r.householdId,
            buildingId,
            gridId: buildingId ? (buildingGrid.get(buildingId) ?? null) : null,
            birthDate: r.birthDate,
            status: 'ACTIVE' as const,
            residenceType: r.residenceType,
            careCategories: [...new Set(categories.get(r.id) ?? [])].sort().join(','),
            lastContactAt: null,
            knownSince: null,
            updatedAt: now,
          };
        }),
      );
      const adults = data.residents.filter((r) => r.phone !== null);
      if (adults.length === 0) return;
      const handlers = new Map<string, string>();
      for (const s of data.staff) if (!handlers.has(s.department)) handlers.set(s.department, s.id);
      const gridWorker = new Map(data.grids.map((g) => [g.id, g.gridWorkerStaffId]));
      // 组织关系转接 waits for 党建's transfer records: generated communities have none.
      const matters = DEMO_MATTERS.filter((m) => m[0] !== 'PARTY_MEMBERSHIP_TRANSFER').map((m) => [m, m[3]] as const);
      const count = Math.round(data.residents.length * options.casesPerResident);
      const cases: Case[] = [];
      const timeline: Array<Omit<CaseTimelineEntry, 'fromStatus' | 'note'> & Partial<CaseTimelineEntry>> = [];
      const evaluations: Array<Partial<CaseEvaluation>> = [];
      for (let i = 0; i < count; i++) {
        const [category, channel, description] = random.weighted(matters) as readonly [
          CaseCategory,
          (typeof DEMO_MATTERS)[number][1],
          string,
          number,
        ];
        const reporter = random.pick(adults);
        const gridId = buildingGrid.get(householdBuilding.get(reporter.householdId)!) ?? null;
        const openedAt = new Date(now.getTime() - random.int(1, 365 * 24 * 60) * 60_000);
        const policy = CATEGORY_POLICIES[category];
        const assignee =
          policy.department === 'COMPREHENSIVE_GOVERNANCE' && gridId
            ? gridWorker.get(gridId)!
            : (handlers.get(policy.department) ?? data.staff[0].id);
        const caseId = demoId(`${communityId}:case`, i);
        const number = await nextNumber(out.em, Number(communityDay(openedAt).slice(0, 4)));
        const steps: Array<[CaseAction, CaseStatus | null, CaseStatus, Date]> = [
          ['OPEN', null, 'RECEIVED', openedAt],
          ['ASSIGN', 'RECEIVED', 'ASSIGNED', new Date(openedAt.getTime() + 10 * 60_000)],
        ];
        const late = random.chance(0.08);
        const acknowledgedAt = new Date(openedAt.getTime() + random.int(1, policy.acknowledgeHours) * HOUR);
        const resolvedAt = new Date(
          openedAt.getTime() + random.int(policy.acknowledgeHours, policy.resolveHours * (late ? 2 : 1)) * HOUR,
        );
        const recent = now.getTime() - openedAt.getTime() < OPEN_TAIL_DAYS * DAY;
        if (acknowledgedAt < now) steps.push(['START', 'ASSIGNED', 'IN_PROGRESS', acknowledgedAt]);
        const closes = !recent && resolvedAt < now;
        const feedbackAt = new Date(resolvedAt.getTime() + random.int(2, 48) * HOUR);
        const closedAt = new Date(feedbackAt.getTime() + random.int(1, 72) * HOUR);
        const deadlines = deadlinesFor(category, openedAt);
        // resolved late: the overdue scan flagged it once the limit had passed (its next run, a minute after), with
        // its timeline entry, while it was still in progress (resolved whole hours after opening: after the flag)
        const overdueAt = new Date(deadlines.resolveDueAt.getTime() + 60_000);
        const closing = closes && closedAt < now;
        const flagged = closing && resolvedAt > deadlines.resolveDueAt;
        if (flagged) steps.push(['OVERDUE', 'IN_PROGRESS', 'IN_PROGRESS', overdueAt]);
        if (closing) {
          steps.push(['RESOLVE', 'IN_PROGRESS', 'RESOLVED', resolvedAt]);
          steps.push(['GIVE_FEEDBACK', 'RESOLVED', 'FEEDBACK_GIVEN', feedbackAt]);
          steps.push(['CLOSE', 'FEEDBACK_GIVEN', 'CLOSED', closedAt]);
        }
        const last = steps[steps.length - 1];
        const status = last[2];
        cases.push({
          id: caseId,
          communityId,
          number,
          status,
          category,
          channel,
          priority: category === 'PUBLIC_SECURITY' ? 'HIGH' : 'NORMAL',
          department: policy.department,
          reporterId: reporter.id,
          description,
          gridId,
          assigneeStaffId: assignee,
          openedAt,
          workType: channel === 'REFERRED' ? 'AD_HOC' : 'DAILY',
          acknowledgeDueAt: deadlines.acknowledgeDueAt,
          resolveDueAt: deadlines.resolveDueAt,
          acknowledgedAt: acknowledgedAt < now ? acknowledgedAt : null,
          resolvedAt: status === 'CLOSED' ? resolvedAt : null,
          resolutionNote: status === 'CLOSED' ? RESOLUTION_NOTE : null,
          feedbackMethod: status === 'CLOSED' ? FEEDBACK_METHOD : null,
          feedbackAt: status === 'CLOSED' ? feedbackAt : null,
          closedAt: status === 'CLOSED' ? closedAt : null,
          closingReason: null,
          duplicateOfId: null,
          escalationLevel: null,
          escalationReason: null,
          escalatedAt: null,
          escalationAcknowledgedAt: null,
          acknowledgeOverdueAt: null,
          resolveOverdueAt: flagged ? overdueAt : null,
          updatedAt: last[3],
        });
        steps.forEach(([action, fromStatus, toStatus, at], step) =>
          timeline.push({
            id: demoId(`${communityId}:case-step`, i * 8 + step),
            communityId,
            caseId,
            action,
            fromStatus,
            toStatus,
            actorKind: action === 'OVERDUE' ? 'system' : 'user',
            actorId: action === 'OPEN' ? 'demo-seed' : action === 'OVERDUE' ? 'cases' : assignee,
            // what takeStep and the scan note: 办结 its 办结说明 (required), 反馈 its method, the scan its limit
            note: STEP_NOTES[action] ?? null,
            at,
          }),
        );
        if (status === 'CLOSED' && random.chance(0.5) && closedAt.getTime() + HOUR < now.getTime()) {
          const grade = random.weighted(GRADES);
          const reason = grade === 'EXCELLENT' && random.chance(0.3) ? null : REASONS[grade];
          const { valid, invalidReason } = evaluationValidity(grade, reason);
          evaluations.push({
            id: demoId(`${communityId}:evaluation`, i),
            communityId,
            caseId,
            grade,
            reason,
            valid,
            invalidReason,
            raterKind: 'REPORTER',
            raterResidentId: reporter.id,
            staffId: assignee,
            evaluatedAt: new Date(closedAt.getTime() + HOUR),
          });
        }
      }
      await out.insert(Case, cases);
      await out.insert(CaseTimelineEntry, timeline);
      await out.insert(CaseEvaluation, evaluations);
    },
    async finish(em) {
      for (const [year, last] of sequences ?? []) await em.upsert(CaseNumberSequence, { year, last });
    },
  };
}
