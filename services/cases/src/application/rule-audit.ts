import type { EntityManager } from '@mikro-orm/core';
import {
  CaseStatuses,
  communityDay,
  communityYearMonth,
  Departments,
  labelOf,
  type CaseStatus,
} from '@shequ/contracts';
import { ReferenceProjection, ruleBreachLine, ruleBreaches } from '@shequ/subgraph';
import { CASE_TRANSITIONS, planTransition, type WorkflowActor } from '../domain/case-workflow.js';
import { formatCaseNumber } from '../domain/case-number.js';
import { validDescription } from '../domain/case-intake.js';
import { deadlinesFor, departmentForCategory } from '../domain/category-policy.js';
import { evaluationValidity, invalidation } from '../domain/evaluation-validity.js';
import { PROACTIVE_RULES, type ProactiveFact } from '../domain/proactive-rules/index.js';
import { checkNoResidentTwice } from '../domain/mediation-parties.js';
import { newlyOverdue } from '../domain/time-limits.js';
import { assertVisitDate, assertVisitedBeforeDeath } from '../domain/visit-rules.js';
import { CaseActions, EscalationLevels, type CaseAction } from '../domain/vocabularies.js';
import { CaseFundDisbursement } from '../entities/case-fund-disbursement.js';
import { isAssistanceCaseOfSocialSecurity } from '../domain/fund-disbursement-case.js';
import {
  Case,
  CaseEvaluation,
  CaseNumberSequence,
  CaseTimelineEntry,
  Mediation,
  MediationParty,
  MediationSession,
  Open311Request,
  ProactiveTask,
  ResidentProjection,
  Visit,
} from '../entities/index.js';

/** A resident's facts as residents records them (its own database, or this service's projections). */
export interface ResidentFacts {
  status: string;
  diedOn: string | null;
  /** The community residents records the person in (checked when given: every write names a resident of its own). */
  communityId?: string;
}

/** Steps of the transition table (OPEN is the intake; OVERDUE, MEDIATION, VISIT … note a status without moving it). */
const TRANSITION_ACTIONS = new Set<CaseAction>(CASE_TRANSITIONS.map((t) => t.action));
const NOTES_ONLY = new Set<CaseAction>(['OVERDUE', 'MEDIATION', 'VISIT', 'INVALIDATE_EVALUATION']);
/** What `evaluateCase` lets be rated, and what `startMediation` refuses to mediate. */
const EVALUABLE: readonly CaseStatus[] = ['RESOLVED', 'FEEDBACK_GIVEN', 'CLOSED'];
const NOT_MEDIABLE: readonly CaseStatus[] = ['CLOSED', 'REJECTED', 'DUPLICATE'];
/** How far a given time (feedback, a mediation session) may lie ahead of the moment it is recorded. */
const AHEAD = 5 * 60_000;
const INVALIDATED = '经查不实：';
const CASE_NUMBER = /^SQ-(\d{4})-(\d{6})$/;

const hasText = (value: string | null | undefined, least = 2) => !!value && value.trim().length >= least;
const iso = (at: Date | null) => at?.toISOString() ?? '无';

/** The statuses a case held at one instant (it starts 已受理): before the steps of that instant, and after each. */
type History = Array<{ at: Date; from: CaseStatus; to: CaseStatus }>;
function statusesAt(history: History, at: Date): CaseStatus[] {
  const statuses: CaseStatus[] = [];
  let before: CaseStatus = 'RECEIVED';
  for (const step of history) {
    if (step.at < at) before = step.to;
    else if (step.at.getTime() === at.getTime()) statuses.push(step.from, step.to);
  }
  return [before, ...statuses];
}

/** The fact a proactive task's rule was answering, rebuilt from the task's key (rule:resident:key). */
function factOfTask(task: ProactiveTask): ProactiveFact | null {
  const key = task.dedupKey.slice(`${task.rule}:${task.residentId}:`.length);
  const { residentId, gridId } = task;
  switch (task.rule) {
    case 'FLOATING_RESIDENT_VERIFY':
      if (key === 'registration') return { kind: 'RESIDENT_REGISTERED', residentId, gridId, residenceType: 'FLOATING' };
      if (key.startsWith('floating-since:'))
        return {
          kind: 'RESIDENCE_TYPE_CHANGED',
          residentId,
          gridId,
          from: null,
          to: 'FLOATING',
          on: key.slice('floating-since:'.length),
        };
      return null;
    case 'FLOATING_PERMIT_EXPIRING':
      return key.startsWith('expires-')
        ? { kind: 'PERMIT_EXPIRING', residentId, gridId, expiresOn: key.slice('expires-'.length) }
        : null;
    case 'CARE_REVIEW_DUE': {
      const match = /^([A-Z_]+)-(\d{4}-\d{2}-\d{2})$/.exec(key);
      return match
        ? { kind: 'CARE_REVIEW_DUE', residentId, gridId, category: match[1] as never, dueOn: match[2] }
        : null;
    }
    case 'ELDERLY_NO_CONTACT': {
      const since = new Date(key.slice('since-'.length));
      return key.startsWith('since-') && !Number.isNaN(since.getTime())
        ? {
            kind: 'RESIDENT_SNAPSHOT',
            residentId,
            gridId,
            birthDate: null,
            careCategories: ['ELDERLY_LIVING_ALONE'],
            lastContactAt: since,
            active: true,
          }
        : null;
    }
    default:
      return null;
  }
}

/**
 * Every rule of the cases API checked over what is stored, whatever wrote it (the API, a seed, the district
 * generator, an event handler): the same domain functions the application layer calls, read as history on `today`.
 * Returns one line per breach (empty when the data keeps every rule). `residents`: residents' record of each person
 * (by default the reference projection's status with the death day this service's resident projection keeps; a
 * system test passes residents' own rows).
 *
 * Checked: 受理号 (format, year of intake, unique, within the year's sequence); the intake (description, department
 * and time limits of the category, a living reporter of the case's community); the timeline (one OPEN at intake,
 * every step one the transition table allows from the status reached, with its requirement — 办结说明, 反馈方式 and
 * time, reasons, level — in time order, ending at the stored status; 签收/退回 by the district platform only, no other
 * step by it); the stored fields each step sets (acknowledged, resolved, feedback, closed, rejection/duplicate
 * reason, escalation and its 签收) as the last such step left them; the overdue flags (set only past the limit,
 * before it was met, on an open case, each with its timeline entry); evaluations (of a case resolved at the time, by
 * its reporter or a resident the handler served, living and of the community, once per rater, validity as
 * `evaluationValidity` or an invalidation as `invalidation` states it, the handler rated); mediations (on a case
 * still open to it, by a staff member of the community, two parties each a resident of the community or described,
 * one pending at a time, sessions after the start and before the end, an end only after a session and with an
 * agreement's text, each on the timeline); visits (a place, notes, a visitor, household and resident of the
 * community, not after the resident's death, a linked case's timeline step); district platform reports (Open311:
 * the case they opened, its channel and time, a place, coordinates, address and media as `acceptOpen311Report`
 * takes them); 救助金 disbursements linked to a case of their community; proactive tasks (a known rule whose draft
 * for the task's key gives its due day and reason, one open per rule and resident, closed with when/why and the
 * visit or case that closed it, none left open for a resident who left or died). Nothing is dated after `today`.
 *
 * Not re-checked (not in what is stored): which staff member took a step (their department and roles), a grid
 * worker's grids when they opened a case or logged a visit, whether a referenced record was current at the time.
 */
export async function casesRuleViolations(
  em: EntityManager,
  today: string,
  residents?: ReadonlyMap<string, ResidentFacts>,
): Promise<string[]> {
  const { problems, check } = ruleBreaches();
  const afterToday = (what: string, label: string, at: Date | null) => {
    if (at && communityDay(at) > today) problems.push(`${what}: ${label} ${at.toISOString()} 晚于今天`);
  };
  const facts = residents ?? (await residentFactsOf(em));
  const diedBefore = (residentId: string | null, at: Date) => {
    const diedOn = residentId ? facts.get(residentId)?.diedOn : null;
    return !!diedOn && communityDay(at) > diedOn;
  };
  const staff = new Map(
    (await em.find(ReferenceProjection, { kind: 'STAFF' }, { fields: ['kind', 'id', 'communityId'] })).map((r) => [
      r.id,
      r.communityId,
    ]),
  );
  const households = new Map(
    (await em.find(ReferenceProjection, { kind: 'HOUSEHOLD' }, { fields: ['kind', 'id', 'communityId'] })).map((r) => [
      r.id,
      r.communityId,
    ]),
  );
  /** A resident named by a write of `communityId`: one residents records there (when the facts say where). */
  const elsewhere = (residentId: string | null, communityId: string) => {
    const known = residentId ? facts.get(residentId)?.communityId : undefined;
    return known !== undefined && known !== communityId;
  };

  const cases = await em.find(Case, {}, { orderBy: { id: 'asc' } });
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const timeline = new Map<string, CaseTimelineEntry[]>();
  for (const entry of await em.find(CaseTimelineEntry, {}, { orderBy: { at: 'asc', id: 'asc' } }))
    timeline.set(entry.caseId, [...(timeline.get(entry.caseId) ?? []), entry]);
  const histories = new Map<string, History>();

  // 受理号: SQ-<year of intake>-<6 digits>, unique, handed out by the year's sequence
  const sequences = new Map((await em.find(CaseNumberSequence, {})).map((s) => [s.year, s.last]));
  const numbers = new Set<string>();
  for (const c of cases) {
    const what = `事项 ${c.number}`;
    const match = CASE_NUMBER.exec(c.number);
    const year = communityYearMonth(c.openedAt).year;
    if (!match || formatCaseNumber(Number(match[1]), Number(match[2])) !== c.number)
      problems.push(`${what}: 受理号格式不是 SQ-年份-六位序号`);
    else {
      if (Number(match[1]) !== year) problems.push(`${what}: 受理号年份与受理时间（${year} 年）不符`);
      if (Number(match[2]) > (sequences.get(Number(match[1])) ?? 0))
        problems.push(`${what}: 受理号超出 ${match[1]} 年已发放的序号（${sequences.get(Number(match[1])) ?? 0}）`);
    }
    if (numbers.has(c.number)) problems.push(`${what}: 受理号重复`);
    numbers.add(c.number);

    // intake: what openCase writes
    check(what, '事项内容去除首尾空白', () => {
      if (validDescription(c.description) !== c.description) throw new Error('事项内容未去除首尾空白');
    });
    if (c.department !== departmentForCategory[c.category])
      problems.push(
        `${what}: 承办部门「${labelOf(Departments, c.department)}」不是该类别的承办部门「${labelOf(Departments, departmentForCategory[c.category])}」`,
      );
    const due = deadlinesFor(c.category, c.openedAt);
    if (c.acknowledgeDueAt.getTime() !== due.acknowledgeDueAt.getTime())
      problems.push(`${what}: 响应时限 ${iso(c.acknowledgeDueAt)} 不是按类别计算的 ${iso(due.acknowledgeDueAt)}`);
    if (c.resolveDueAt.getTime() !== due.resolveDueAt.getTime())
      problems.push(`${what}: 办结时限 ${iso(c.resolveDueAt)} 不是按类别计算的 ${iso(due.resolveDueAt)}`);
    if (diedBefore(c.reporterId, c.openedAt)) problems.push(`${what}: 反映人 ${c.reporterId} 受理时已故`);
    if (elsewhere(c.reporterId, c.communityId)) problems.push(`${what}: 反映人 ${c.reporterId} 不是本社区居民`);
    afterToday(what, '受理时间', c.openedAt);

    histories.set(c.id, replayTimeline(c, timeline.get(c.id) ?? [], problems, afterToday));
  }

  // the overdue scan: a flag only once the limit passed on an open case not yet taken up/resolved, with its entry
  for (const c of cases) {
    const what = `事项 ${c.number}`;
    const overdueSteps = (timeline.get(c.id) ?? []).filter((e) => e.action === 'OVERDUE');
    const flags = [c.acknowledgeOverdueAt, c.resolveOverdueAt].filter((f): f is Date => f !== null);
    if (overdueSteps.length !== flags.length)
      problems.push(`${what}: 超时标记 ${flags.length} 个，超时提醒记录 ${overdueSteps.length} 条`);
    for (const [limit, flaggedAt] of [
      ['ACKNOWLEDGE', c.acknowledgeOverdueAt],
      ['RESOLVE', c.resolveOverdueAt],
    ] as const) {
      if (!flaggedAt) continue;
      if (!overdueSteps.some((s) => s.at.getTime() === flaggedAt.getTime()))
        problems.push(`${what}: 超时标记 ${iso(flaggedAt)} 没有超时提醒记录`);
      const statuses = statusesAt(histories.get(c.id)!, flaggedAt);
      const passed = statuses.some((status) =>
        newlyOverdue(
          {
            status,
            acknowledgeDueAt: c.acknowledgeDueAt,
            resolveDueAt: c.resolveDueAt,
            acknowledgedAt: c.acknowledgedAt && c.acknowledgedAt <= flaggedAt ? c.acknowledgedAt : null,
            resolvedAt: c.resolvedAt && c.resolvedAt <= flaggedAt ? c.resolvedAt : null,
            acknowledgeOverdueAt: null,
            resolveOverdueAt: null,
          },
          flaggedAt,
        ).includes(limit),
      );
      if (!passed)
        problems.push(
          `${what}: ${limit === 'ACKNOWLEDGE' ? '响应' : '办结'}超时标记于 ${iso(flaggedAt)}，其时并未超时（或已办理、已办结）`,
        );
      afterToday(what, '超时标记', flaggedAt);
    }
  }

  const visits = await em.find(Visit, {}, { orderBy: { id: 'asc' } });
  const visitById = new Map(visits.map((v) => [v.id, v]));

  // 居民评议
  /** Who each staff member served (evaluateCase's servedBy): reporters of cases assigned to them, residents they visited. */
  const servedBy = new Set([
    ...cases.filter((o) => o.assigneeStaffId && o.reporterId).map((o) => `${o.assigneeStaffId}:${o.reporterId}`),
    ...visits.filter((v) => v.residentId).map((v) => `${v.staffId}:${v.residentId}`),
  ]);
  const evaluations = await em.find(CaseEvaluation, {}, { orderBy: { evaluatedAt: 'asc', id: 'asc' } });
  const rated = new Set<string>();
  for (const e of evaluations) {
    const what = `评议 ${e.id}`;
    const c = caseById.get(e.caseId);
    if (!c) {
      problems.push(`${what}: 事项 ${e.caseId} 不存在`);
      continue;
    }
    afterToday(what, '评议时间', e.evaluatedAt);
    if (!statusesAt(histories.get(c.id)!, e.evaluatedAt).some((s) => EVALUABLE.includes(s)))
      problems.push(`${what}: 评议时事项 ${c.number} 尚未办结`);
    if (e.raterKind === 'REPORTER' && (!c.reporterId || e.raterResidentId !== c.reporterId))
      problems.push(`${what}: 反映人评议须由事项 ${c.number} 的反映人本人作出`);
    if (e.raterKind === 'SAMPLED') {
      const served =
        !!e.raterResidentId && !!c.assigneeStaffId && servedBy.has(`${c.assigneeStaffId}:${e.raterResidentId}`);
      if (!served) problems.push(`${what}: 抽取的评议人须为该工作者服务过的居民`);
    }
    if (e.raterResidentId) {
      if (rated.has(`${e.caseId}:${e.raterResidentId}`)) problems.push(`${what}: 居民 ${e.raterResidentId} 重复评议`);
      rated.add(`${e.caseId}:${e.raterResidentId}`);
      if (elsewhere(e.raterResidentId, c.communityId))
        problems.push(`${what}: 评议人 ${e.raterResidentId} 不是本社区居民`);
      if (diedBefore(e.raterResidentId, e.evaluatedAt))
        problems.push(`${what}: 评议人 ${e.raterResidentId} 评议时已故`);
    }
    if (e.reason !== null && e.reason !== e.reason.trim()) problems.push(`${what}: 理由未去除首尾空白`);
    const stated = evaluationValidity(e.grade, e.reason);
    if (e.valid !== stated.valid || e.invalidReason !== stated.invalidReason) {
      // kept valid as graded, then found untrue: the community's invalidation, with its reason and timeline step
      const why = e.invalidReason?.startsWith(INVALIDATED) ? e.invalidReason.slice(INVALIDATED.length) : null;
      if (!stated.valid || e.valid || why === null)
        // (the reasons are free texts about the person rated or rating: not named)
        problems.push(`${what}: 有效性（${e.valid ? '有效' : '无效'}）与评议规则不符`);
      else {
        check(what, '作废理由', () => {
          if (invalidation(stated, why).invalidReason !== e.invalidReason) throw new Error('作废理由与规则不符');
        });
        if (!(timeline.get(c.id) ?? []).some((s) => s.action === 'INVALIDATE_EVALUATION' && s.at >= e.evaluatedAt))
          problems.push(`${what}: 作废评议在事项时间线上没有记录`);
      }
    }
    // the handler rated is the case's assignee at the time (a later reassignment comes after a reopening)
    const reassigned = (timeline.get(c.id) ?? []).some((s) => s.action === 'ASSIGN' && s.at > e.evaluatedAt);
    if (!reassigned && e.staffId !== c.assigneeStaffId)
      problems.push(`${what}: 被评议的工作者 ${e.staffId} 不是事项的承办人 ${c.assigneeStaffId}`);
  }

  // 调解
  const sessions = new Map<string, MediationSession[]>();
  for (const s of await em.find(MediationSession, {}))
    sessions.set(s.mediationId, [...(sessions.get(s.mediationId) ?? []), s]);
  const parties = new Map<string, MediationParty[]>();
  for (const p of await em.find(MediationParty, {}))
    parties.set(p.mediationId, [...(parties.get(p.mediationId) ?? []), p]);
  const mediations = await em.find(Mediation, {}, { orderBy: { startedAt: 'asc', id: 'asc' } });
  for (const m of mediations) {
    const what = `调解 ${m.id}`;
    const c = caseById.get(m.caseId);
    if (!c) {
      problems.push(`${what}: 事项 ${m.caseId} 不存在`);
      continue;
    }
    afterToday(what, '开始时间', m.startedAt);
    afterToday(what, '结束时间', m.concludedAt);
    if (statusesAt(histories.get(c.id)!, m.startedAt).every((s) => NOT_MEDIABLE.includes(s)))
      problems.push(`${what}: 开始时事项 ${c.number} 已结案或不予受理、重复`);
    if (staff.get(m.mediatorStaffId) !== c.communityId)
      problems.push(`${what}: 调解员 ${m.mediatorStaffId} 不是本社区的工作者`);
    const own = parties.get(m.id) ?? [];
    if (own.length < 2) problems.push(`${what}: 调解至少需要两方当事人`);
    check(what, '同一居民不列为两方当事人', () => checkNoResidentTwice(own));
    for (const p of own) {
      if (!p.residentId && !hasText(p.description, 1)) problems.push(`${what}: 当事人 ${p.id} 既非居民也无文字说明`);
      if (diedBefore(p.residentId, m.startedAt)) problems.push(`${what}: 当事人 ${p.residentId} 调解开始时已故`);
      if (elsewhere(p.residentId, c.communityId)) problems.push(`${what}: 当事人 ${p.residentId} 不是本社区居民`);
    }
    const overlapping = mediations.filter(
      (o) =>
        o !== m &&
        o.caseId === m.caseId &&
        o.startedAt >= m.startedAt &&
        (m.concludedAt === null || o.startedAt < m.concludedAt),
    );
    if (overlapping.length) problems.push(`${what}: 进行中时同一事项又开始了调解 ${overlapping[0].id}`);
    const held = sessions.get(m.id) ?? [];
    for (const s of held) {
      if (s.heldAt < m.startedAt) problems.push(`${what}: 调解会 ${s.id} 早于调解开始时间`);
      if (m.concludedAt && s.heldAt.getTime() > m.concludedAt.getTime() + AHEAD)
        problems.push(`${what}: 调解会 ${s.id} 晚于调解结束时间`);
      if (!hasText(s.notes)) problems.push(`${what}: 调解会 ${s.id} 没有调解情况`);
      afterToday(what, `调解会 ${s.id}`, s.heldAt);
    }
    const steps = (timeline.get(c.id) ?? []).filter((s) => s.action === 'MEDIATION');
    if (!steps.some((s) => s.at.getTime() === m.startedAt.getTime()))
      problems.push(`${what}: 开始调解在事项时间线上没有记录`);
    if (m.outcome === 'PENDING') {
      if (m.concludedAt || m.agreement) problems.push(`${what}: 调解中却有结束时间或协议`);
      continue;
    }
    if (!m.concludedAt) problems.push(`${what}: 调解已结束却没有结束时间`);
    else {
      if (m.concludedAt < m.startedAt) problems.push(`${what}: 结束时间早于开始时间`);
      if (!steps.some((s) => s.at.getTime() === m.concludedAt!.getTime()))
        problems.push(`${what}: 调解结果在事项时间线上没有记录`);
    }
    if (held.length === 0) problems.push(`${what}: 尚无调解会记录，不能结束调解`);
    if (m.outcome === 'AGREEMENT_REACHED' && !hasText(m.agreement)) problems.push(`${what}: 达成协议的须填写协议内容`);
  }

  // 走访
  for (const v of visits) {
    const what = `走访 ${v.id}`;
    if (!v.householdId && !v.residentId) problems.push(`${what}: 未指定走访的住户或居民`);
    if (!hasText(v.notes) || v.notes !== v.notes.trim()) problems.push(`${what}: 未填写走访情况（或未去除首尾空白）`);
    if (staff.get(v.staffId) !== v.communityId) problems.push(`${what}: 走访人 ${v.staffId} 不是本社区的工作者`);
    if (v.householdId && households.get(v.householdId) !== v.communityId)
      problems.push(`${what}: 住户 ${v.householdId} 不是本社区的住户`);
    if (elsewhere(v.residentId, v.communityId)) problems.push(`${what}: 居民 ${v.residentId} 不是本社区居民`);
    afterToday(what, '走访时间', v.visitedAt);
    afterToday(what, '登记时间', v.loggedAt);
    // when it was logged (unknown for visits logged before it was recorded: then against the case alone)
    const linked = v.caseId ? caseById.get(v.caseId) : undefined;
    const loggedAt = v.loggedAt ?? v.visitedAt;
    check(what, '走访日期（登记前 30 天内，不早于事项受理）', () =>
      assertVisitDate(v.visitedAt, loggedAt, linked?.openedAt ?? null),
    );
    if (v.residentId)
      check(what, '走访不晚于居民死亡', () =>
        assertVisitedBeforeDeath(v.visitedAt, facts.get(v.residentId!)?.diedOn ?? null),
      );
    if (v.caseId) {
      const c = caseById.get(v.caseId);
      if (!c || c.communityId !== v.communityId) problems.push(`${what}: 关联的事项 ${v.caseId} 不存在`);
      else if (
        !(timeline.get(c.id) ?? []).some((s) => s.action === 'VISIT' && s.at.getTime() === v.visitedAt.getTime())
      )
        problems.push(`${what}: 走访在事项 ${c.number} 的时间线上没有记录`);
    }
  }

  // 区级平台 (Open311) reports: each opened its case, as submitOpen311Request opens it, with a place and checked fields
  for (const r of await em.find(Open311Request, {}, { orderBy: { id: 'asc' } })) {
    const what = `区级平台工单 ${r.id}`;
    const c = caseById.get(r.caseId);
    if (!c || c.communityId !== r.communityId) problems.push(`${what}: 事项 ${r.caseId} 不存在`);
    else {
      if (c.channel !== 'DISTRICT_PLATFORM') problems.push(`${what}: 事项 ${c.number} 的受理渠道不是区级平台`);
      if (c.openedAt.getTime() !== r.submittedAt.getTime())
        problems.push(`${what}: 提交时间不是事项 ${c.number} 的受理时间`);
    }
    const located = r.latitude !== null && r.longitude !== null;
    if ((r.latitude === null) !== (r.longitude === null)) problems.push(`${what}: 经纬度须同时给出`);
    if (located && (Math.abs(r.latitude!) > 90 || Math.abs(r.longitude!) > 180))
      problems.push(`${what}: 经纬度超出范围`);
    if (!located && !hasText(r.addressString, 1) && !hasText(r.addressId, 1)) problems.push(`${what}: 没有位置`);
    if (r.addressString !== null && (r.addressString !== r.addressString.trim() || r.addressString.length > 200))
      problems.push(`${what}: 地址须去除首尾空白且不超过 200 字`);
    if (r.mediaUrl !== null && !/^https?:\/\/\S{1,490}$/.test(r.mediaUrl))
      problems.push(`${what}: 图片地址 media_url 须为 http(s) 网址，最长 500 字符`);
    afterToday(what, '提交时间', r.submittedAt);
  }

  // 救助金 disbursements linked to the case they answer: one of the same community (linkProposedDisbursement)
  for (const d of await em.find(
    CaseFundDisbursement,
    { caseId: { $ne: null } },
    { orderBy: { disbursementId: 'asc' } },
  ))
    if (caseById.get(d.caseId!)?.communityId !== d.communityId)
      problems.push(`救助金发放 ${d.disbursementId}: 关联的事项 ${d.caseId} 不是本社区的事项`);
    else if (!isAssistanceCaseOfSocialSecurity(caseById.get(d.caseId!)!))
      problems.push(`救助金发放 ${d.disbursementId}: 关联的事项 ${d.caseId} 不是保障站受理的救助申请`);

  // 主动服务任务
  const tasks = await em.find(ProactiveTask, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const openOf = new Set<string>();
  for (const t of tasks) {
    const what = `主动服务任务 ${t.id}`;
    afterToday(what, '创建时间', t.createdAt);
    afterToday(what, '关闭时间', t.closedAt);
    const rule = PROACTIVE_RULES.find((r) => r.code === t.rule);
    const fact = rule ? factOfTask(t) : null;
    if (!rule) problems.push(`${what}: 规则 ${t.rule} 不存在`);
    else if (!t.dedupKey.startsWith(`${t.rule}:${t.residentId}:`) || !fact)
      problems.push(`${what}: 去重键不是该规则、该居民的键`);
    else {
      const draft = rule.evaluate(fact, t.createdAt, rule.settings);
      const key = t.dedupKey.slice(`${t.rule}:${t.residentId}:`.length);
      // the keys, due dates and reasons come from the person's care records and dates: not named
      if (!draft) problems.push(`${what}: 规则 ${t.rule} 在创建时不会为该键开任务`);
      else {
        if (draft.key !== key) problems.push(`${what}: 键不是规则给出的键`);
        if (draft.dueOn !== t.dueOn) problems.push(`${what}: 期限不是规则计算的期限`);
        if (draft.reason !== t.reason) problems.push(`${what}: 原因不是规则给出的原因`);
      }
    }
    if (t.status === 'OPEN') {
      if (t.closedAt || t.closedBy || t.closingRef) problems.push(`${what}: 待处理的任务却有关闭记录`);
      if (openOf.has(`${t.rule}:${t.residentId}`)) problems.push(`${what}: 同一规则、同一居民有两个待处理任务`);
      openOf.add(`${t.rule}:${t.residentId}`);
      const status = facts.get(t.residentId)?.status;
      if (status === 'MOVED_OUT' || status === 'DECEASED')
        problems.push(`${what}: 居民 ${t.residentId} 已不在册，任务仍待处理`);
      continue;
    }
    if (!t.closedAt || !t.closedBy) {
      problems.push(`${what}: 已关闭的任务没有关闭时间或原因`);
      continue;
    }
    if (t.closedAt < t.createdAt) problems.push(`${what}: 关闭时间早于创建时间`);
    if (t.closedBy === 'VISIT') {
      const visit = t.closingRef ? visitById.get(t.closingRef) : undefined;
      if (!visit) problems.push(`${what}: 由走访关闭，但走访 ${t.closingRef ?? '（未记）'} 不存在`);
      else if ((visit.residentId !== null && visit.residentId !== t.residentId) || visit.visitedAt > t.closedAt)
        problems.push(`${what}: 关闭它的走访 ${visit.id} 不是在关闭前对该居民的走访`);
    } else if (t.closedBy === 'CASE') {
      const c = t.closingRef ? caseById.get(t.closingRef) : undefined;
      if (!c) problems.push(`${what}: 由立案关闭，但事项 ${t.closingRef ?? '（未记）'} 不存在`);
      else if (c.reporterId !== t.residentId || c.openedAt.getTime() !== t.closedAt.getTime())
        problems.push(`${what}: 关闭它的事项 ${c.number} 不是该居民当时反映的事项`);
    }
  }
  return problems;
}

/** Residents' facts as this service knows them: status from the reference projection, the death day from its own. */
async function residentFactsOf(em: EntityManager): Promise<Map<string, ResidentFacts>> {
  const facts = new Map<string, ResidentFacts>(
    (await em.find(ReferenceProjection, { kind: 'RESIDENT' }, { fields: ['kind', 'id', 'status', 'communityId'] })).map(
      (r) => [r.id, { status: r.status, diedOn: null, communityId: r.communityId }],
    ),
  );
  for (const r of await em.find(ResidentProjection, { diedOn: { $ne: null } }, { fields: ['residentId', 'diedOn'] }))
    facts.set(r.residentId, { ...(facts.get(r.residentId) ?? { status: 'DECEASED' }), diedOn: r.diedOn });
  return facts;
}

/**
 * Replays a case's timeline through the transition table (`planTransition`, with each step's recorded note as its
 * text and the case's stored fields for what the step set), then checks the stored fields against the last step
 * that set each. Returns the status history (for the checks of what happened at a given time).
 */
function replayTimeline(
  c: Case,
  entries: readonly CaseTimelineEntry[],
  problems: string[],
  afterToday: (what: string, label: string, at: Date | null) => void,
): History {
  const what = `事项 ${c.number}`;
  const history: History = [];
  const opens = entries.filter((e) => e.action === 'OPEN');
  if (opens.length !== 1 || opens[0].fromStatus !== null || opens[0].toStatus !== 'RECEIVED')
    problems.push(`${what}: 须有且只有一条登记记录（→ 已受理）`);
  else if (opens[0].at.getTime() !== c.openedAt.getTime())
    problems.push(`${what}: 登记记录时间 ${iso(opens[0].at)} 不是受理时间 ${iso(c.openedAt)}`);
  for (const e of entries) afterToday(what, `${labelOf(CaseActions, e.action)} 记录时间`, e.at);
  for (const e of entries)
    if (!TRANSITION_ACTIONS.has(e.action) && e.action !== 'OPEN' && !NOTES_ONLY.has(e.action))
      problems.push(`${what}: 未知的办理动作 ${labelOf(CaseActions, e.action)}`);

  const remaining = entries.filter((e) => TRANSITION_ACTIONS.has(e.action));
  const steps: CaseTimelineEntry[] = [];
  let status: CaseStatus = 'RECEIVED';
  let at = c.openedAt;
  while (remaining.length) {
    const next = remaining.findIndex((s) => s.fromStatus === status);
    if (next < 0) {
      problems.push(`${what}: 时间线在「${labelOf(CaseStatuses, status)}」之后的步骤不是从该状态出发`);
      return history;
    }
    const [step] = remaining.splice(next, 1);
    if (step.at < at || remaining.some((s) => s.at < step.at))
      problems.push(`${what}: ${labelOf(CaseActions, step.action)}（${iso(step.at)}）不按时间顺序`);
    steps.push(step);
    history.push({ at: step.at, from: status, to: step.toStatus });
    status = step.toStatus;
    at = step.at;
  }
  if (status !== c.status)
    problems.push(
      `${what}: 状态「${labelOf(CaseStatuses, c.status)}」不是按流程办到的（「${labelOf(CaseStatuses, status)}」）`,
    );

  // the last step of each kind, and whether a later step undid what it set
  const lastOf = (...actions: CaseAction[]) => steps.findLast((s) => actions.includes(s.action)) ?? null;
  const after = (step: CaseTimelineEntry | null, ...actions: CaseAction[]) =>
    !!step && steps.slice(steps.indexOf(step) + 1).some((s) => actions.includes(s.action));
  const resolve = lastOf('RESOLVE');
  const feedback = lastOf('GIVE_FEEDBACK');
  const closing = lastOf('CLOSE', 'REJECT', 'MARK_DUPLICATE');
  const escalate = lastOf('ESCALATE');
  const currentFeedback = feedback && !after(feedback, 'REOPEN') ? feedback : null;
  const currentEscalation = escalate && !after(escalate, 'RETURN_ESCALATION') ? escalate : null;

  // each step through the table, with its requirement (a permitted actor: who took it is not re-judged here)
  let facts = {
    id: c.id,
    status: 'RECEIVED' as CaseStatus,
    department: c.department,
    assigneeStaffId: c.assigneeStaffId,
    feedbackMethod: null as string | null,
    feedbackAt: null as Date | null,
    escalationAcknowledgedAt: null as Date | null,
  };
  for (const step of steps) {
    const platform = CASE_TRANSITIONS.find((t) => t.action === step.action)?.actor === 'PLATFORM';
    // who may take it, as far as the timeline tells: 签收/退回 only the district platform (a machine client), the
    // other steps never a machine client (a platform is refused them); which staff member acted is not re-judged
    if (platform !== (step.actorKind === 'machine'))
      problems.push(
        `${what}: ${labelOf(CaseActions, step.action)}（${iso(step.at)}）${platform ? '只能由区级平台办理' : '不能由区级平台办理'}，记录的办理人为 ${step.actorKind} ${step.actorId}`,
      );
    const actor: WorkflowActor = platform
      ? { kind: 'platform', id: 'rule-audit' }
      : { kind: 'staff', staffId: c.assigneeStaffId ?? '', department: c.department, dispatcher: true };
    const current = step === currentFeedback;
    const input = {
      note: step.note,
      reason: step.note,
      assigneeStaffId: c.assigneeStaffId,
      // feedback undone by a reopening is kept only in its step's note; an escalation returned keeps no level
      feedbackMethod: current ? c.feedbackMethod : step.note,
      feedbackAt: current ? c.feedbackAt : step.at,
      duplicateOfCaseId: c.duplicateOfId,
      escalationLevel: step === currentEscalation ? c.escalationLevel : 'STREET',
    };
    try {
      const to = planTransition({ ...facts, status: step.fromStatus! }, step.action, actor, input);
      if (to !== step.toStatus)
        problems.push(`${what}: ${labelOf(CaseActions, step.action)} 应到「${labelOf(CaseStatuses, to)}」`);
    } catch (error) {
      // the refusal's message is written for the caller (it may quote a note): the rule and the field only
      problems.push(
        ruleBreachLine(`${what} ${labelOf(CaseActions, step.action)}（${iso(step.at)}）`, '办理流程', error),
      );
    }
    if (step.action === 'GIVE_FEEDBACK')
      facts = { ...facts, feedbackMethod: input.feedbackMethod, feedbackAt: input.feedbackAt };
    if (step.action === 'REOPEN') facts = { ...facts, feedbackMethod: null, feedbackAt: null };
    if (step.action === 'ACKNOWLEDGE_ESCALATION') facts = { ...facts, escalationAcknowledgedAt: step.at };
    if (step.action === 'ESCALATE' || step.action === 'RETURN_ESCALATION')
      facts = { ...facts, escalationAcknowledgedAt: null };
  }

  // what each step set, as the last one left it
  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  const taken = steps.find((s) => s.action === 'START' || s.action === 'ESCALATE') ?? null;
  if (!same(c.acknowledgedAt, taken?.at ?? null))
    problems.push(`${what}: 响应时间 ${iso(c.acknowledgedAt)} 不是首次办理或上报的时间 ${iso(taken?.at ?? null)}`);
  if (steps.some((s) => s.action === 'ASSIGN') && !c.assigneeStaffId) problems.push(`${what}: 已分派却没有承办人`);
  if (c.status === 'ASSIGNED' && !c.assigneeStaffId) problems.push(`${what}: 已分派却没有承办人`);
  const resolved = resolve && !after(resolve, 'REOPEN') ? resolve : null;
  if (!same(c.resolvedAt, resolved?.at ?? null))
    problems.push(`${what}: 办结时间 ${iso(c.resolvedAt)} 不是办结步骤的时间 ${iso(resolved?.at ?? null)}`);
  if (resolved ? !hasText(c.resolutionNote) : c.resolutionNote !== null)
    problems.push(`${what}: 办结说明与办结步骤不符`);
  if (currentFeedback) {
    if (!hasText(c.feedbackMethod) || !c.feedbackAt) problems.push(`${what}: 已反馈却没有反馈方式和时间`);
    else {
      if (c.feedbackAt.getTime() > currentFeedback.at.getTime() + AHEAD)
        problems.push(`${what}: 反馈时间 ${iso(c.feedbackAt)} 晚于记录反馈的时间`);
      if (c.resolvedAt && c.feedbackAt < c.resolvedAt) problems.push(`${what}: 反馈时间早于办结时间`);
    }
  } else if (c.feedbackMethod !== null || c.feedbackAt !== null) problems.push(`${what}: 没有反馈步骤却有反馈记录`);
  const closed = closing && !after(closing, 'REOPEN') ? closing : null;
  if (!same(c.closedAt, closed?.at ?? null))
    problems.push(`${what}: 结案时间 ${iso(c.closedAt)} 不是结案步骤的时间 ${iso(closed?.at ?? null)}`);
  if ((c.status === 'REJECTED' || c.status === 'DUPLICATE') && !hasText(c.closingReason))
    problems.push(`${what}: 不予受理或标记重复须说明理由`);
  if (c.status === 'DUPLICATE' && (!c.duplicateOfId || c.duplicateOfId === c.id))
    problems.push(`${what}: 标记重复须指明另一事项`);
  if (currentEscalation) {
    if (!c.escalationLevel || !EscalationLevels.codes.includes(c.escalationLevel) || !hasText(c.escalationReason))
      problems.push(`${what}: 上报须有层级和原因`);
    if (!same(c.escalatedAt, currentEscalation.at)) problems.push(`${what}: 上报时间与上报步骤不符`);
    if (!same(c.escalationAcknowledgedAt, facts.escalationAcknowledgedAt))
      problems.push(`${what}: 上级签收时间与签收步骤不符`);
  } else if (c.escalationLevel || c.escalatedAt || c.escalationAcknowledgedAt)
    problems.push(`${what}: 没有进行中的上报却有上报记录`);

  // steps that note the status without moving it: the status the case had then (a visit is dated when it took place)
  for (const e of entries.filter((s) => NOTES_ONLY.has(s.action))) {
    if (e.fromStatus !== e.toStatus) problems.push(`${what}: ${labelOf(CaseActions, e.action)} 不改变状态`);
    else if (e.action !== 'VISIT' && !statusesAt(history, e.at).includes(e.toStatus))
      problems.push(`${what}: ${labelOf(CaseActions, e.action)}（${iso(e.at)}）记录的状态不是事项当时的状态`);
  }
  return history;
}
